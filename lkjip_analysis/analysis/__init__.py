"""Floor 4, the tables of one dataset: capaian, budget, efficiency, PMKS, trends, AKIP."""
