"""The bundled sample: a generated PDF corpus with gold facts, and a local web of simulated sites."""
