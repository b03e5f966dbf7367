"""Floor 6, across agencies: the crosswalk of measures and the panel (one row per agency, indicator, year)."""
