package firmware

import "time"

// PrimePump runs the pump briefly with the bypass open so that air leaves the line before the
// first cycle of the day.
func PrimePump(p Pump) error {
	p.OpenBypass()
	defer p.CloseBypass()
	p.Start()
	time.Sleep(8 * time.Second)
	p.Stop()
	return nil
}

// PressureGuard watches the line pressure and stops everything when it climbs too high.
type PressureGuard struct {
	MaxBar   float64
	Shutoff  func()
	tripped  bool
}

// Trip checks one pressure sample in bar and calls the shutoff when it is over the limit.
func (g *PressureGuard) Trip(bar float64) bool {
	if bar > g.MaxBar && !g.tripped {
		g.tripped = true
		g.Shutoff()
	}
	return g.tripped
}
