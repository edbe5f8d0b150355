"""Carte et annuaire des intervenants sociaux en commissariat et gendarmerie (ISCG)."""

__version__ = "0.1.0"
