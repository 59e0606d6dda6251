"""sorl-thumbnail's key-value store with an in-process layer in front of its cache and database.

Each thumbnail on a page asks sorl's store whether it already exists: with Redis as the cache that
was one GET per image, twelve or more per listing. A thumbnail's record never changes — its key is
derived from the source file's name, the geometry and the options, and a new upload is a new
name — so once found it is kept in the worker's memory. Records that are not found are not kept
(the next request finds the thumbnail once made), and deleting one through the store forgets it
here too; after ``manage.py thumbnail clear`` restart the workers.
"""

import threading
from collections import OrderedDict

from sorl.thumbnail.kvstores.cached_db_kvstore import KVStore

# About 300 bytes each: 20,000 records stay under 10 MB per worker.
MAX_RECORDS_IN_PROCESS = 20_000
_IMAGE_RECORD = "||image||"


class ProcessCachedKVStore(KVStore):
    """The cached-database store, remembering in process the image records it has found."""

    def __init__(self):
        super().__init__()
        self._found = OrderedDict()
        self._lock = threading.Lock()

    def _get_raw(self, key):
        with self._lock:
            value = self._found.get(key)
            if value is not None:
                self._found.move_to_end(key)
                return value
        value = super()._get_raw(key)
        # The per-source lists of thumbnails ("||thumbnails||") grow, so only image records are kept.
        if value is not None and _IMAGE_RECORD in key:
            self._remember(key, value)
        return value

    def _set_raw(self, key, value):
        super()._set_raw(key, value)
        if _IMAGE_RECORD in key:
            self._remember(key, value)

    def _delete_raw(self, *keys):
        with self._lock:
            for key in keys:
                self._found.pop(key, None)
        super()._delete_raw(*keys)

    def _remember(self, key, value):
        with self._lock:
            self._found[key] = value
            self._found.move_to_end(key)
            while len(self._found) > MAX_RECORDS_IN_PROCESS:
                self._found.popitem(last=False)
