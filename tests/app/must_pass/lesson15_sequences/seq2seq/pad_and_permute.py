"""The bos column by F.pad, lengths moved with .to('cpu'), time-major through permute."""

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


class Seq2Seq(nn.Module):
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
        time_major = not self.decoder.batch_first
        emb = self.src_embedding(src)
        if time_major:
            emb = emb.permute(1, 0, 2)
        packed = pack_padded_sequence(emb, src_lengths.to("cpu"), batch_first=not time_major,
                                      enforce_sorted=False)
        h_n = self.encoder(packed)[1]
        dec_in = F.pad(tgt[:, :-1], (1, 0), value=self.bos_id)
        dec_emb = self.tgt_embedding(dec_in)
        if time_major:
            dec_emb = dec_emb.permute(1, 0, 2)
        out = self.decoder(dec_emb, h_n)[0]
        if time_major:
            out = out.permute(1, 0, 2)
        return self.head(out)
