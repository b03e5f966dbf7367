"""Floor 7, the reports: display context, sections of the agency report, the regional report, figures."""
