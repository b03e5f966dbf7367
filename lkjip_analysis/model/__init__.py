"""Floor 1, the data model: table schema, Indonesian numbers, normalisation of typed input, validation."""
