"""protocheck: is this allowed under our Member/Officer Relations Protocol?"""

__version__ = "0.1.0"
