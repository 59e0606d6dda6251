"""Analytics exports: per-day CSV and Parquet files of orders, revenue and Oscar's analytics records."""
