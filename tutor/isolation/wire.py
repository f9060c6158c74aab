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


def send(sock: socket.socket, header: dict[str, Any], buffers: list[bytes | memoryview]) -> None:
    data = json.dumps(header, separators=(",", ":")).encode()
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


def _read_exact(sock: socket.socket, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
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
    return buffer


def receive(sock: socket.socket) -> tuple[dict[str, Any], list[bytearray]]:
    length, count = struct.unpack("!II", _read_exact(sock, 8))
    if length > MAX_HEADER or count > MAX_BUFFERS:
        raise WireError(f"message too large ({length} header bytes, {count} buffers)")
    try:
        header = json.loads(_read_exact(sock, length))
    except (ValueError, RecursionError) as error:
        raise WireError(f"unreadable header: {error}") from None
    if not isinstance(header, dict):
        raise WireError("header is not an object")
    buffers = []
    for _ in range(count):
        (size,) = struct.unpack("!Q", _read_exact(sock, 8))
        if size > MAX_BUFFER:
            raise WireError(f"buffer of {size} bytes")
        buffers.append(_read_exact(sock, size))
    return header, buffers
