//! Framing of the serial link between the controller and the valve boards.

/// CRC-16/CCITT of a frame's payload, as the valve boards compute it.
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in data {
        crc ^= (*byte as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

/// Collects serial bytes until a whole frame (start byte, length, payload, checksum) is in.
pub struct FrameDecoder {
    buffer: Vec<u8>,
}

impl FrameDecoder {
    pub fn push(&mut self, byte: u8) -> Option<Vec<u8>> {
        self.buffer.push(byte);
        if self.buffer.len() > 3 && self.buffer.len() == self.buffer[1] as usize + 4 {
            let frame = std::mem::take(&mut self.buffer);
            return Some(frame[2..frame.len() - 2].to_vec());
        }
        None
    }
}
