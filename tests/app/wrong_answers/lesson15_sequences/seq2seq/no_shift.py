"""Mistake: the decoder reads tgt itself instead of tgt shifted right behind bos."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


class Seq2Seq(nn.Module):
    """A GRU encoder-decoder; __init__ is given, forward is the exercise."""

    def __init__(self, src_vocab: int, tgt_vocab: int, embed_size: int, hidden_size: int,
                 num_layers: int = 1, bos_id: int = 1, pad_id: int = 0,
                 batch_first: bool = True) -> None:
        super().__init__()
        self.src_embedding = nn.Embedding(src_vocab, embed_size, padding_idx=pad_id)
        self.encoder = nn.GRU(embed_size, hidden_size, num_layers, batch_first=batch_first)
        self.tgt_embedding = nn.Embedding(tgt_vocab, embed_size, padding_idx=pad_id)
        self.decoder = nn.GRU(embed_size, hidden_size, num_layers, batch_first=batch_first)
        self.head = nn.Linear(hidden_size, tgt_vocab)
        self.bos_id = bos_id
        self.pad_id = pad_id

    def forward(self, src: torch.Tensor, src_lengths: torch.Tensor,
                tgt: torch.Tensor) -> torch.Tensor:
        """src (B, S), src_lengths (B,), tgt (B, T) -> logits (B, T, tgt_vocab)."""
        batch_first = self.encoder.batch_first
        emb = self.src_embedding(src)                            # (B, S, E)
        if not batch_first:
            emb = emb.transpose(0, 1)                            # (S, B, E)
        packed = pack_padded_sequence(emb, src_lengths.cpu(), batch_first=batch_first,
                                      enforce_sorted=False)
        _, h_n = self.encoder(packed)                            # (num_layers, B, H)
        bos = tgt.new_full((tgt.shape[0], 1), self.bos_id)
        dec_in = torch.cat((bos, tgt[:, :-1]), dim=1)            # shifted right: (B, T)
        dec_emb = self.tgt_embedding(tgt)
        if not batch_first:
            dec_emb = dec_emb.transpose(0, 1)
        dec_out, _ = self.decoder(dec_emb, h_n)
        if not batch_first:
            dec_out = dec_out.transpose(0, 1)                    # back to (B, T, H)
        return self.head(dec_out)                                # (B, T, tgt_vocab)
