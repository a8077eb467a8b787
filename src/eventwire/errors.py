"""Exception tree. Messages carry a code (``[E001]``) that the docs list.

    EventwireError
    ├── ModelNotFound      the spaCy model package is missing
    ├── KnowledgeError     a knowledge file is missing or invalid
    └── UsageError         bad arguments from a caller (the CLI maps it to exit 2)
"""


class EventwireError(Exception):
    pass


class ModelNotFound(EventwireError):
    pass


class KnowledgeError(EventwireError):
    pass


class UsageError(EventwireError):
    pass
