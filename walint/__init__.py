"""walint: lint WhatsApp Business message templates before Meta reviews them."""

__version__ = "0.1.0"
