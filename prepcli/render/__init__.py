"""Rich output. Everything here takes a Console; the core never prints."""
