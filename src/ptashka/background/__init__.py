"""Background work shared by every task: the retry policy and per-task outcome counters."""
