"""A stock django-oscar 4.2 site, the benchmark's reference: Oscar's default apps and nothing else."""
