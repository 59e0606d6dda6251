"""Settings package: base holds everything shared; dev, test and prod change only what differs."""
