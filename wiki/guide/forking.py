"""Work on the guide's files in forked children that exit when done.

A fork starts in milliseconds (Django and WeasyPrint are already imported, the fonts and
stylesheets already parsed) and shares the parent's memory until either writes to it; the
child gives all of its own back when it exits, where a pool's idle worker would keep it.
Children never touch the database.
"""

import gc
import multiprocessing
from collections.abc import Callable

STOPPED = "un processus de fabrication du guide s'est arrêté"


class ForkedChild:
    """`target(connection, *args)` run in a forked child, with a two-way pipe to it.

    Messages are tuples whose first item says what they are; an exception in the child comes
    back as ("error", exception) and `receive` raises it here.
    """

    def __init__(self, target: Callable, *args) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(
            target=_child_main, args=(child_end, target, args), daemon=True
        )
        self.process.start()
        child_end.close()

    def receive(self) -> tuple:
        try:
            message = self.connection.recv()
        except EOFError:
            message = ("error", RuntimeError(STOPPED))
        if message[0] == "error":
            raise message[1]
        return message

    def finish(self) -> None:
        self.connection.close()
        self.process.join()


class ForkedJob(ForkedChild):
    """`function(*args)` run at once in a forked child; `result()` waits for its value."""

    def __init__(self, function: Callable, *args) -> None:
        super().__init__(_send_return_value, function, *args)

    def result(self):
        """The function's return value, or its exception raised again here."""
        try:
            return self.receive()[1]
        finally:
            self.finish()


def _child_main(connection, target: Callable, args: tuple) -> None:
    # No cyclic garbage collection in a short-lived child: all its memory goes back when it
    # exits, and a part's layout peaks no higher without it (measured: 175 against 177 MiB
    # for a 30-practice chapter), while the collector's passes over WeasyPrint's many boxes
    # cost a few per cent of the CPU.
    gc.disable()
    try:
        target(connection, *args)
    except Exception as error:  # sent back to the parent, which raises it
        connection.send(("error", error))
    finally:
        connection.close()


def _send_return_value(connection, function: Callable, *args) -> None:
    connection.send(("result", function(*args)))
