"""Thai text repair, OCR, tables and parsers: bytes in, records out. Pure: no network, DB or clock."""
