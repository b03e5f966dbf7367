"""Floor 2, the formulas: capaian, budget serapan and efficiency, trends, PMKS, AKIP (pure functions over values)."""
