"""Framing for the learner channel: one message = a JSON header and raw byte buffers.

Layout on the socket: ``!II`` (header length, buffer count), the header (UTF-8
JSON), then per buffer ``!Q`` length and its bytes. JSON and raw bytes are all a
reader ever parses, so nothing the learner sends is unpickled.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

MAX_HEADER = 64 * 1024 * 1024
MAX_BUFFER = 2 * 1024 * 1024 * 1024
MAX_BUFFERS = 100_000


class ChannelClosed(ConnectionError):
    """The other end of the channel is gone (its process exited or was killed)."""


class WireError(ValueError):
    """Bytes on the channel that are not a well-formed message."""


_ENCODER = json.JSONEncoder(separators=(",", ":"))
_DECODER = json.JSONDecoder()
_CHUNK = 256 * 1024


def send(sock: socket.socket, header: dict[str, Any], buffers: list[bytes | memoryview]) -> None:
    data = _ENCODER.encode(header).encode()
    parts = [struct.pack("!II", len(data), len(buffers)), data]
    for buffer in buffers:
        parts.append(struct.pack("!Q", len(buffer)))
        parts.append(buffer)  # type: ignore[arg-type]
    try:
        if sum(len(p) for p in parts) < 1 << 20:
            sock.sendall(b"".join(parts))
        else:
            for part in parts:
                sock.sendall(part)
    except OSError as error:
        raise ChannelClosed(str(error)) from None


class Reader:
    """Messages from one socket, read in large chunks: one ``recv`` usually brings a whole
    message (a syscall per field cost ~10 µs each, several per message)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.pending = bytearray()
        """Bytes received and not yet taken (at most the rest of one chunk)."""

    def _recv(self, size: int) -> int:
        try:
            chunk = self.sock.recv(max(size, _CHUNK))
        except InterruptedError:
            return 0
        except OSError as error:
            raise ChannelClosed(str(error)) from None
        if not chunk:
            raise ChannelClosed("the other process closed the channel")
        self.pending += chunk
        return len(chunk)

    def take(self, size: int) -> bytearray:
        """Exactly ``size`` bytes; a large buffer goes straight into its own memory."""
        if size > _CHUNK and len(self.pending) < size:
            buffer = bytearray(size)
            got = len(self.pending)
            buffer[:got] = self.pending
            self.pending = bytearray()
            _read_into(self.sock, memoryview(buffer)[got:])
            return buffer
        while len(self.pending) < size:
            self._recv(size - len(self.pending))
        taken = self.pending[:size]
        del self.pending[:size]
        return taken

    def receive(self) -> tuple[dict[str, Any], list[bytearray]]:
        length, count = struct.unpack("!II", self.take(8))
        if length > MAX_HEADER or count > MAX_BUFFERS:
            raise WireError(f"message too large ({length} header bytes, {count} buffers)")
        try:
            header = _DECODER.decode(self.take(length).decode())
        except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
            raise WireError(f"unreadable header: {error}") from None
        if not isinstance(header, dict):
            raise WireError("header is not an object")
        buffers = []
        for _ in range(count):
            (size,) = struct.unpack("!Q", self.take(8))
            if size > MAX_BUFFER:
                raise WireError(f"buffer of {size} bytes")
            buffers.append(self.take(size))
        return header, buffers


def _read_into(sock: socket.socket, view: memoryview) -> None:
    got, size = 0, len(view)
    while got < size:
        try:
            n = sock.recv_into(view[got:], size - got)
        except InterruptedError:
            continue
        except OSError as error:
            raise ChannelClosed(str(error)) from None
        if n == 0:
            raise ChannelClosed("the other process closed the channel")
        got += n
