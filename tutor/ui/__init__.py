"""The interactive tutor (Textual): ``tutor start``.

Layout follows frogmouth/harlequin: ``app.py`` wires things together,
``screens/`` holds one module per page or dialog, ``widgets/`` the reusable
parts, ``tutor.tcss`` all styling. Logic lives in ``tutor.course``,
``tutor.workspace`` and ``tutor.grading``; nothing here imports torch.
"""
