# SPDX-License-Identifier: Apache-2.0
"""An independent Python rendering of what the Java prompt builder must produce: Qwen2 byte-level BPE
from tokenizer.json, the Omni ChatML template, placeholder expansion (transformers' processor) and
TMRoPE position ids (transformers 4.52 `get_rope_index`), QWEN25_OMNI.md §1 and §5."""
import json
import unicodedata

import numpy as np
import regex

IM_START, IM_END = "<|im_start|>", "<|im_end|>"
AUDIO, IMAGE, VIDEO = "<|AUDIO|>", "<|IMAGE|>", "<|VIDEO|>"
AUDIO_BOS, AUDIO_EOS, VISION_BOS, VISION_EOS = "<|audio_bos|>", "<|audio_eos|>", "<|vision_bos|>", "<|vision_eos|>"
DEFAULT_SYSTEM = "You are a helpful assistant."
POS_PER_SECOND, SECONDS_PER_CHUNK, MERGE = 25, 2, 2


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character map."""
    bs = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


class Tokenizer:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        self.vocab = spec["model"]["vocab"]
        merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in spec["model"]["merges"]]
        self.ranks = {pair: i for i, pair in enumerate(merges)}
        self.added = {t["content"]: t["id"] for t in spec["added_tokens"]}
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        self.id_to_token.update({i: t for t, i in self.added.items()})
        split = spec["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"]
        self.pattern = regex.compile(split)
        self.special = regex.compile("|".join(regex.escape(t) for t in sorted(self.added, key=len, reverse=True)))
        self.byte_map = bytes_to_unicode()
        self.byte_unmap = {c: b for b, c in self.byte_map.items()}

    def bpe(self, word):
        parts = list(word)
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), None), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            pairs = [p for p in pairs if p[0] is not None]
            if not pairs:
                break
            _, i = min(pairs)
            parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
        return [self.vocab[p] for p in parts]

    def encode(self, text):
        """Added tokens are split out verbatim first; the rest is NFC-normalised, pre-split, BPE'd."""
        ids, pos = [], 0
        for m in self.special.finditer(text):
            ids += self.encode_plain(text[pos:m.start()])
            ids.append(self.added[m.group()])
            pos = m.end()
        return ids + self.encode_plain(text[pos:])

    def encode_plain(self, text):
        ids = []
        for piece in self.pattern.findall(unicodedata.normalize("NFC", text)):
            ids += self.bpe("".join(self.byte_map[b] for b in piece.encode("utf-8")))
        return ids

    def decode(self, ids):
        data = bytearray()
        for i in ids:
            token = self.id_to_token.get(i)
            if token is None:
                continue  # embedding rows above the tokenizer range (TTS / speaker controls)
            if token in self.added:
                data += token.encode("utf-8")
            else:
                data += bytes(self.byte_unmap[c] for c in token)
        return data.decode("utf-8", errors="replace")


def render_chatml(messages, speech):
    """The Omni chat template with add_generation_prompt; without a system message the runtime's rule
    (MODEL_PACKAGE.md) inserts the speech system prompt when speech is on, else the default one."""
    from_manifest_system = messages and messages[0]["role"] == "system"
    text = ""
    if not from_manifest_system:
        text += f"{IM_START}system\n{speech if speech else DEFAULT_SYSTEM}{IM_END}\n"
    for msg in messages:
        text += f"{IM_START}{msg['role']}\n"
        content = msg["content"]
        if isinstance(content, str):
            text += content
        else:
            for item in content:
                text += {"text": lambda it: it["text"], "audio": lambda it: AUDIO_BOS + AUDIO + AUDIO_EOS,
                         "image": lambda it: VISION_BOS + IMAGE + VISION_EOS,
                         "video": lambda it: VISION_BOS + VIDEO + VISION_EOS}[item["type"]](item)
        text += f"{IM_END}\n"
    return text + f"{IM_START}assistant\n"


def audio_tokens(frames):
    return ((frames - 1) // 2 + 1 - 2) // 2 + 1


def chunked_index(values, per_chunk):
    """transformers' get_chunked_index: split a rising list where values cross k·per_chunk (one per item)."""
    out, start, current = [], 0, 1
    for i, v in enumerate(values):
        if v >= current * per_chunk:
            out.append((start, i))
            start, current = i, current + 1
    out.append((start, len(values)))
    return out


def expand_placeholders(text, media, use_audio_in_video):
    """The processor's expansion, in text order: each audio/image/video placeholder consumes the next
    media item of the request (audio-in-video videos also carry their audio's frame count)."""
    items = iter(media)
    out, pos = "", 0
    pattern = regex.compile("|".join(regex.escape(t) for t in (AUDIO, IMAGE, VIDEO)))
    for m in pattern.finditer(text):
        out += text[pos:m.start()]
        pos = m.end()
        item = next(items)
        if m.group() == AUDIO:
            out += AUDIO * audio_tokens(item["frames"])
        elif m.group() == IMAGE:
            out += IMAGE * (int(np.prod(item["grid_thw"])) // MERGE ** 2)
        elif not use_audio_in_video:
            out += VIDEO * (int(np.prod(item["grid_thw"])) // MERGE ** 2)
        else:
            t, h, w = item["grid_thw"]
            video_t = np.repeat(np.arange(t), (h // MERGE) * (w // MERGE)) * item["second_per_grid"] * POS_PER_SECOND
            audio_t = np.arange(audio_tokens(item["audio_frames"]))
            per = int(POS_PER_SECOND * SECONDS_PER_CHUNK)
            vc, ac = chunked_index(video_t, per), chunked_index(audio_t, per)
            body = ""
            for j in range(max(len(vc), len(ac))):
                if j < len(vc):
                    body += VIDEO * (vc[j][1] - vc[j][0])
                if j < len(ac):
                    body += AUDIO * (ac[j][1] - ac[j][0])
            # the template wrote <|vision_bos|><|VIDEO|><|vision_eos|>; the processor rewrites all three
            assert out.endswith(VISION_BOS) and text[pos:].startswith(VISION_EOS)
            out += AUDIO_BOS + body + AUDIO_EOS
    return out + text[pos:]


def rope_index(ids, tokens, media, use_audio_in_video):
    """transformers 4.52 get_rope_index for one unpadded sequence -> (positions [3,S], rope_delta)."""
    ids = list(ids)
    grids = [m for m in media if m["type"] in ("image", "video")]
    if not grids:
        pos = np.tile(np.arange(len(ids)), (3, 1))
        return pos, 0
    blocks = []

    def nxt():
        return int(blocks[-1].max()) + 1 if blocks else 0

    def text_block(n):
        if n:
            blocks.append(np.tile(np.arange(n), (3, 1)) + nxt())

    def vision_block(item, start, spg):
        t, h, w = item["grid_thw"]
        hm, wm = h // MERGE, w // MERGE
        t_idx = (np.arange(t, dtype=np.float32) * np.float32(spg) * np.float32(POS_PER_SECOND)).astype(np.int64)
        tt = np.repeat(t_idx, hm * wm)
        hh = np.tile(np.repeat(np.arange(hm), wm), t)
        ww = np.tile(np.arange(wm), t * hm)
        return np.stack([tt, hh, ww]) + start

    st = 0
    audio_id, image_id, video_id = tokens["audio"], tokens["image"], tokens["video"]
    for item in media:
        kind = item["type"]
        first = ids.index({"audio": audio_id, "image": image_id, "video": video_id}[kind], st)
        if kind == "video" and use_audio_in_video:
            text_block(first - st - 2)
            b = nxt()
            blocks += [np.full((3, 1), b), np.full((3, 1), b)]
            s = nxt()
            n_audio = audio_tokens(item["audio_frames"])
            audio = np.tile(np.arange(n_audio), (3, 1)) + s
            video = vision_block(item, s, item["second_per_grid"])
            per = POS_PER_SECOND * SECONDS_PER_CHUNK
            vc, ac = chunked_index(video[0] - s, per), chunked_index(audio[0] - s, per)
            for j in range(max(len(vc), len(ac))):
                if j < len(vc):
                    blocks.append(video[:, vc[j][0]:vc[j][1]])
                if j < len(ac):
                    blocks.append(audio[:, ac[j][0]:ac[j][1]])
            e = nxt()
            blocks += [np.full((3, 1), e), np.full((3, 1), e)]
            st = first + video.shape[1] + n_audio + 2
        else:
            text_block(first - st - 1)
            blocks.append(np.full((3, 1), nxt()))
            if kind == "audio":
                body = np.tile(np.arange(audio_tokens(item["frames"])), (3, 1)) + nxt()
            else:
                body = vision_block(item, nxt(), 1.0 if kind == "image" else item["second_per_grid"])
            blocks.append(body)
            blocks.append(np.full((3, 1), nxt()))
            st = first + body.shape[1] + 1
    if st < len(ids):
        text_block(len(ids) - st)
    pos = np.concatenate(blocks, axis=1)
    assert pos.shape[1] == len(ids)
    return pos, int(pos.max()) + 1 - len(ids)


def build_prompt(tokenizer, request, tokens, system_prompt_speech):
    """request -> (input_ids, position_ids [3,S], rope_delta, media items in placeholder order)."""
    media = [item for msg in request["messages"] if not isinstance(msg["content"], str)
             for item in msg["content"] if item["type"] != "text"]
    speech = system_prompt_speech if request.get("speech") else None
    text = render_chatml(request["messages"], speech)
    text = expand_placeholders(text, media, request.get("use_audio_in_video", False))
    ids = tokenizer.encode(text)
    pos, delta = rope_index(ids, tokens, media, request.get("use_audio_in_video", False))
    return ids, pos, delta, media
