# "2 Dec 2026" and "2 Dec 2026, 01:07": what Intl.DateTimeFormat("en-GB", {day: "numeric",
# month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23"}) writes.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
