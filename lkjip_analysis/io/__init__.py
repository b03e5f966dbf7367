"""Floor 3, reading and writing: dataset loaders and writers, the Excel template, synthetic data, atomic
writes, and ``extract`` (report documents into a draft dataset)."""
