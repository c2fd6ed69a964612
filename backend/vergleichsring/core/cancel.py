"""Work stops when the client goes away.

``EdgeMiddleware`` gives every request a ``Cancellation`` (``request.state.cancellation``) and,
once the request body is read, watches the connection. When the client disconnects before the
answer is complete, the registered callbacks run: the request's database session interrupts the
statement it is running (SQLite: ``interrupt()``; PostgreSQL: a cancel request), so a long query
ends at once, the transaction rolls back and the worker thread is free again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.orm import Session

logger = logging.getLogger("vergleichsring.http")


class Cancellation:
    def __init__(self) -> None:
        self.cancelled = False
        self._callbacks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def on_cancel(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if not self.cancelled:
                self._callbacks.append(callback)
                return
        callback()

    def cancel(self) -> None:
        with self._lock:
            if self.cancelled:
                return
            self.cancelled = True
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # a failing interrupt must not hide the others
                logger.warning("cancelling a request's work failed", exc_info=True)


def interrupt_session(session: Session) -> Callable[[], None]:
    """A callback that stops the statement SESSION is running, if any (thread-safe drivers)."""

    def interrupt() -> None:
        if not session.in_transaction():
            return
        connection = session.connection().connection.driver_connection
        if connection is None:
            return
        if hasattr(connection, "interrupt"):  # sqlite3
            connection.interrupt()
        elif hasattr(connection, "cancel_safe"):  # psycopg 3.2+
            connection.cancel_safe()
        elif hasattr(connection, "cancel"):
            connection.cancel()

    return interrupt
