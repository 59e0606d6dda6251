"""Local storage for exports that replaces a file in one step, so a reader never sees half a file."""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage


class ReplacingFileSystemStorage(FileSystemStorage):
    """Saving under an existing name replaces the file atomically instead of picking a new name."""

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        target = Path(self.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target, then renamed: rename is atomic on one filesystem.
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk)
            os.chmod(temporary, 0o640)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return name
