"""Floor 5, the audit of the reports' arithmetic (:func:`lkjip_analysis.audit`; named ``checks`` so that
``lkjip_analysis.audit`` stays the function)."""
