"""eventwire: political event data from news text."""
