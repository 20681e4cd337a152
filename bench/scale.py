#!/usr/bin/env python3
"""Expansion size and build time of one coroutine per crate, coro against diapause and rustc's
native coroutines, for the bodies of issue 12. `bench/scale.sh` is the entry point; see it for
the options. This file generates the crates, counts tokens, times the builds and prints the
table.

Families (the bodies, identical in the three crates but for the `yield` spelling and the type
annotations diapause needs, which only its copy carries):

  match     a `for` loop around a `match` of N arms, two yields in each arm
  nested    `for` loops nested N deep, a yield at each level
  yields    one `for` loop with N yields in a row
  parser    a byte-at-a-time HTTP/1.1 request parser (~300 lines; bytes come in through the
            resume argument; N is its line count)
  straight  a 1,000-line body with 100 yields: straight-line code, lets, small ifs, matches
            and loops (N is its yield count)

Tokens are counted the way a proc_macro::TokenStream counts them: every identifier, literal
and punctuation character is one token, a lifetime two (`'` and its name), a bracket pair two.
"body" is the coro source's function body (its block, braces included); "expansion" is
everything the crate's module `co` holds after `cargo rustc -- -Zunpretty=expanded` (every
macro expanded, std's included), less its `use` lines: for coro and diapause what the
attribute emits, for native the function as written (rustc's transform works on MIR).
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

IMPLS = ["coro", "diapause", "native"]
FAMILIES = {
    "match": [8, 16, 32, 64],
    "nested": [4, 8, 12],
    "yields": [1, 256, 1024, 2048],  # 1: the fixed cost of a crate with a coroutine
    "parser": [0],  # one size; the table shows its line count
    "straight": [100],
}
DESCRIPTIONS = {
    "match": "for loop around a match of N arms, 2 yields each",
    "nested": "for loops nested N deep, a yield at each level",
    "yields": "one for loop with N yields",
    "parser": "HTTP/1.1 request parser, one byte per resume (N = lines)",
    "straight": "1,000-line body, N yields",
}

# ---------------------------------------------------------------------------------------------
# Bodies. «...» marks what only diapause's copy keeps (its type annotations).


def body_match(n):
    out = ["{", "    let mut acc«: u64» = 1u64;", "    for i in 0u64..n {", f"        match i % {n} {{"]
    for k in range(n):
        pat = str(k) if k < n - 1 else "_"
        out += [
            f"            {pat} => {{",
            f"                acc = acc.wrapping_mul({2 * k + 3}).wrapping_add(i);",
            f"                yield_!(acc ^ {k});",
            f"                acc = acc.rotate_left({k % 63 + 1});",
            "                yield_!(acc.wrapping_add(i));",
            "            }",
        ]
    out += ["        }", "    }", "    acc", "}"]
    return "\n".join(out)


def body_nested(n):
    out = ["{", "    let mut acc«: u64» = 1u64;"]
    ind = "    "
    for k in range(n):
        mix = f"i{k}" if k == 0 else f"i{k} ^ i{k - 1}"
        out += [
            f"{ind}for i{k} in 0u64..n {{",
            f"{ind}    acc = acc.wrapping_mul({2 * k + 3}).wrapping_add({mix});",
            f"{ind}    yield_!(acc ^ i{k});",
        ]
        ind += "    "
    for k in range(n):
        ind = ind[4:]
        out.append(f"{ind}}}")
    out += ["    acc", "}"]
    return "\n".join(out)


def body_yields(n):
    out = ["{", "    let mut acc«: u64» = 1u64;", "    for i in 0u64..n {"]
    for k in range(n):
        out += [f"        yield_!(acc ^ {k});", f"        acc = acc.wrapping_add(i ^ {k});"]
    out += ["    }", "    acc", "}"]
    return "\n".join(out)


def body_straight(n):
    """About ten lines per yield: four kinds of segment, values that live across one yield
    and values that live across several."""
    rng = random.Random(12)
    out = [
        "{",
        "    let mut a«: u64» = n;",
        "    let mut b«: u64» = n ^ 0x9e37_79b9;",
        "    let mut c«: u64» = 1u64;",
        "    let mut d«: u64» = 2u64;",
        "    let mut e«: u64» = 3u64;",
    ]
    prev_t = None  # the last segment A's value: held across the yields until the next one
    for j in range(n):
        kind = j % 4
        k, m, r = rng.randrange(1, 1000), rng.randrange(2, 9), rng.randrange(1, 63)
        if kind == 0:
            tail = f"t{j} ^ {prev_t}" if prev_t else f"t{j}"
            out += [
                f"    let t{j}«: u64» = a.wrapping_mul({2 * k + 1}).rotate_left({r});",
                f"    if t{j} & {m} == 0 {{",
                f"        b = b.wrapping_add(t{j} >> 3);",
                "    } else {",
                f"        c ^= t{j};",
                "    }",
                f"    a = a.wrapping_add(b ^ {k});",
                "    yield_!(a ^ c);",
                f"    d = d.wrapping_add({tail});",
                f"    c = c.wrapping_add(d >> {m});",
            ]
            prev_t = f"t{j}"
        elif kind == 1:
            out += [
                f"    let mut s{j}«: u64» = {k}u64;",
                f"    for i in 0u64..{m} {{",
                f"        s{j} = s{j}.wrapping_mul(31).wrapping_add(i ^ a);",
                "    }",
                f"    b ^= s{j};",
                f"    yield_!(b.wrapping_add(s{j}));",
                f"    if s{j} > d {{",
                f"        d = s{j} - d;",
                "    }",
                f"    c = c.rotate_right({r});",
            ]
        elif kind == 2:
            out += [
                f"    let u{j} = (a ^ b) % {m};",
                f"    let v{j}«: u64» = match u{j} {{",
                "        0 => a,",
                f"        1 => b.wrapping_add({k}),",
                f"        _ => c ^ u{j},",
                "    };",
                f"    e = e.wrapping_add(v{j});",
                "    yield_!(e);",
                f"    a = a.wrapping_add(v{j});",
                f"    b = b.wrapping_sub(u{j});" if prev_t is None else f"    b = b.wrapping_sub({prev_t});",
            ]
        else:
            out += [
                f"    let mut w{j}«: u64» = c | 1;",
                f"    let mut steps{j}«: u32» = 0u32;",
                f"    while w{j} > {k} && steps{j} < 8 {{",
                f"        w{j} >>= 1;",
                f"        steps{j} += 1;",
                "    }",
                f"    c = c.wrapping_add(w{j});",
                f"    yield_!(w{j} ^ u64::from(steps{j}));",
                f"    e ^= u64::from(steps{j});",
                f"    d ^= w{j} << {m};",
            ]
    out += ["    a ^ b ^ c ^ d ^ e", "}"]
    return "\n".join(out)


PARSER_BODY = r"""{
    let mut c«: Option<u8>» = first;
    let mut requests«: u32» = 0u32;
    let mut digest«: u32» = FNV;
    'requests: loop {
        // Empty lines before a request line are tolerated (RFC 9112, section 2.2).
        loop {
            match c {
                None => return Ok(requests),
                Some(b'\r') | Some(b'\n') => {
                    c = yield_!(Event::Need);
                }
                Some(_) => break,
            }
        }
        // The method: upper-case letters, at most 16.
        let mut method«: u32» = FNV;
        let mut mlen«: u32» = 0u32;
        loop {
            match c {
                Some(b' ') => break,
                Some(b) if b.is_ascii_uppercase() && mlen < 16 => {
                    method = fnv(method, b);
                    mlen += 1;
                    c = yield_!(Event::Need);
                }
                Some(_) => return Err(ParseError::BadMethod),
                None => return Err(ParseError::Eof),
            }
        }
        if mlen == 0 {
            return Err(ParseError::BadMethod);
        }
        c = yield_!(Event::Method(method, mlen));
        // The request target in origin form, percent-decoded, with an optional query.
        if c != Some(b'/') && c != Some(b'*') {
            return Err(ParseError::BadTarget);
        }
        let mut path«: u32» = FNV;
        let mut plen«: u32» = 0u32;
        let mut segments«: u32» = 0u32;
        let mut query«: u32» = FNV;
        let mut params«: u32» = 0u32;
        let mut in_query«: bool» = false;
        loop {
            match c {
                Some(b' ') => break,
                Some(b'%') => {
                    c = yield_!(Event::Need);
                    let hi«: u8» = match c {
                        Some(h) => hex(h)?,
                        None => return Err(ParseError::Eof),
                    };
                    c = yield_!(Event::Need);
                    let lo«: u8» = match c {
                        Some(l) => hex(l)?,
                        None => return Err(ParseError::Eof),
                    };
                    let decoded«: u8» = hi * 16 + lo;
                    if in_query {
                        query = fnv(query, decoded);
                    } else {
                        path = fnv(path, decoded);
                        plen += 1;
                    }
                    c = yield_!(Event::Need);
                }
                Some(b'?') if !in_query => {
                    in_query = true;
                    params = 1;
                    c = yield_!(Event::Need);
                }
                Some(b'&') if in_query => {
                    params += 1;
                    query = fnv(query, b'&');
                    c = yield_!(Event::Need);
                }
                Some(b'/') if !in_query => {
                    segments += 1;
                    path = fnv(path, b'/');
                    plen += 1;
                    c = yield_!(Event::Need);
                }
                Some(b) if b > 0x20 && b < 0x7f => {
                    if in_query {
                        query = fnv(query, b);
                    } else {
                        path = fnv(path, b);
                        plen += 1;
                    }
                    c = yield_!(Event::Need);
                }
                Some(_) => return Err(ParseError::BadTarget),
                None => return Err(ParseError::Eof),
            }
        }
        if in_query {
            c = yield_!(Event::Query(path ^ query, params));
        } else {
            c = yield_!(Event::Target(path, plen, segments));
        }
        // The protocol version: `HTTP/` and two digits around a dot, then CRLF.
        let mut k«: usize» = 0usize;
        while k < HTTP.len() {
            if c != Some(HTTP[k]) {
                return Err(ParseError::BadVersion);
            }
            c = yield_!(Event::Need);
            k += 1;
        }
        let major«: u8» = match c {
            Some(d) if d.is_ascii_digit() => d - b'0',
            _ => return Err(ParseError::BadVersion),
        };
        c = yield_!(Event::Need);
        if c != Some(b'.') {
            return Err(ParseError::BadVersion);
        }
        c = yield_!(Event::Need);
        let minor«: u8» = match c {
            Some(d) if d.is_ascii_digit() => d - b'0',
            _ => return Err(ParseError::BadVersion),
        };
        c = yield_!(Event::Need);
        if c != Some(b'\r') {
            return Err(ParseError::BadLineEnd);
        }
        c = yield_!(Event::Need);
        if c != Some(b'\n') {
            return Err(ParseError::BadLineEnd);
        }
        c = yield_!(Event::Version(major, minor));
        // Header fields, up to an empty line.
        let mut content_length«: u64» = 0u64;
        let mut has_length«: bool» = false;
        let mut chunked«: bool» = false;
        let mut keep_alive«: bool» = major == 1 && minor >= 1;
        let mut headers«: u32» = 0u32;
        loop {
            if c == Some(b'\r') {
                c = yield_!(Event::Need);
                if c != Some(b'\n') {
                    return Err(ParseError::BadLineEnd);
                }
                break;
            }
            if headers == MAX_HEADERS {
                return Err(ParseError::TooManyHeaders);
            }
            // The field name, lower-cased; the first 32 bytes are kept to recognise it.
            let mut name«: [u8; 32]» = [0u8; 32];
            let mut nlen«: usize» = 0usize;
            loop {
                match c {
                    Some(b':') => break,
                    Some(b) if is_tchar(b) => {
                        if nlen < name.len() {
                            name[nlen] = b.to_ascii_lowercase();
                        }
                        nlen += 1;
                        c = yield_!(Event::Need);
                    }
                    Some(_) => return Err(ParseError::BadHeaderName),
                    None => return Err(ParseError::Eof),
                }
            }
            if nlen == 0 {
                return Err(ParseError::BadHeaderName);
            }
            let kind«: u8» = header_kind(&name, nlen);
            c = yield_!(Event::Need);
            while c == Some(b' ') || c == Some(b'\t') {
                c = yield_!(Event::Need);
            }
            // The field value: inner whitespace folds to one space, trailing whitespace goes.
            let mut value«: u32» = FNV;
            let mut vlen«: u32» = 0u32;
            let mut number«: u64» = 0u64;
            let mut numeric«: bool» = true;
            let mut pending_space«: u32» = 0u32;
            loop {
                match c {
                    Some(b'\r') => break,
                    Some(b' ') | Some(b'\t') => {
                        pending_space += 1;
                        c = yield_!(Event::Need);
                    }
                    Some(b) if b >= 0x21 && b != 0x7f => {
                        if pending_space > 0 {
                            value = fnv(value, b' ');
                            vlen += 1;
                            numeric = false;
                            pending_space = 0;
                        }
                        value = fnv(value, b.to_ascii_lowercase());
                        vlen += 1;
                        if b.is_ascii_digit() {
                            number = number.saturating_mul(10).saturating_add(u64::from(b - b'0'));
                        } else {
                            numeric = false;
                        }
                        c = yield_!(Event::Need);
                    }
                    Some(_) => return Err(ParseError::BadHeaderValue),
                    None => return Err(ParseError::Eof),
                }
            }
            c = yield_!(Event::Need);
            if c != Some(b'\n') {
                return Err(ParseError::BadLineEnd);
            }
            headers += 1;
            match kind {
                KIND_CONTENT_LENGTH => {
                    if !numeric || vlen == 0 || (has_length && number != content_length) {
                        return Err(ParseError::BadContentLength);
                    }
                    has_length = true;
                    content_length = number;
                    c = yield_!(Event::ContentLength(number));
                }
                KIND_TRANSFER_ENCODING => {
                    chunked = value == CHUNKED;
                    c = yield_!(Event::Header(kind, value, vlen));
                }
                KIND_CONNECTION => {
                    if value == CLOSE {
                        keep_alive = false;
                    } else if value == KEEP_ALIVE {
                        keep_alive = true;
                    }
                    c = yield_!(Event::Header(kind, value, vlen));
                }
                _ => {
                    c = yield_!(Event::Header(kind, value, vlen));
                }
            }
        }
        if chunked && has_length {
            return Err(ParseError::BadContentLength);
        }
        c = yield_!(Event::HeadersDone(headers));
        // The body: chunked, or as long as Content-Length says.
        requests += 1;
        let mut body_len«: u64» = 0u64;
        if chunked {
            loop {
                let mut size«: u64» = 0u64;
                let mut ndigits«: u32» = 0u32;
                loop {
                    match c {
                        Some(b';') => {
                            // A chunk extension, skipped up to the end of the line.
                            while c != Some(b'\r') {
                                if c.is_none() {
                                    return Err(ParseError::Eof);
                                }
                                c = yield_!(Event::Need);
                            }
                            break;
                        }
                        Some(b'\r') => break,
                        Some(d) if d.is_ascii_hexdigit() && ndigits < 16 => {
                            size = size * 16 + u64::from(hex(d)?);
                            ndigits += 1;
                            c = yield_!(Event::Need);
                        }
                        Some(_) => return Err(ParseError::BadChunk),
                        None => return Err(ParseError::Eof),
                    }
                }
                if ndigits == 0 {
                    return Err(ParseError::BadChunk);
                }
                c = yield_!(Event::Need);
                if c != Some(b'\n') {
                    return Err(ParseError::BadLineEnd);
                }
                c = yield_!(Event::ChunkSize(size));
                if size == 0 {
                    // Trailer fields, skipped line by line up to an empty line.
                    let mut trailers«: u32» = 0u32;
                    loop {
                        if c == Some(b'\r') {
                            c = yield_!(Event::Need);
                            if c != Some(b'\n') {
                                return Err(ParseError::BadLineEnd);
                            }
                            break;
                        }
                        while c != Some(b'\n') {
                            if c.is_none() {
                                return Err(ParseError::Eof);
                            }
                            c = yield_!(Event::Need);
                        }
                        trailers += 1;
                        c = yield_!(Event::Trailer(trailers));
                    }
                    c = yield_!(Event::End(requests, digest ^ body_len as u32));
                    break;
                }
                let mut left«: u64» = size;
                while left > 0 {
                    let Some(b) = c else {
                        return Err(ParseError::Eof);
                    };
                    digest = fnv(digest, b);
                    body_len += 1;
                    left -= 1;
                    c = yield_!(Event::Body(b));
                }
                if c != Some(b'\r') {
                    return Err(ParseError::BadChunk);
                }
                c = yield_!(Event::Need);
                if c != Some(b'\n') {
                    return Err(ParseError::BadLineEnd);
                }
                c = yield_!(Event::Need);
            }
        } else {
            let mut left«: u64» = content_length;
            while left > 0 {
                let Some(b) = c else {
                    return Err(ParseError::Eof);
                };
                digest = fnv(digest, b);
                body_len += 1;
                left -= 1;
                if left == 0 {
                    c = yield_!(Event::End(requests, digest ^ body_len as u32));
                } else {
                    c = yield_!(Event::Body(b));
                }
            }
        }
        if !keep_alive {
            break 'requests;
        }
    }
    Ok(requests)
}"""

# Shared code of the parser crates (not counted): its events, errors and helpers.
PARSER_SUPPORT = r"""
/// What the byte just fed completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Need,
    Method(u32, u32),
    Target(u32, u32, u32),
    Query(u32, u32),
    Version(u8, u8),
    Header(u8, u32, u32),
    ContentLength(u64),
    HeadersDone(u32),
    ChunkSize(u64),
    Body(u8),
    Trailer(u32),
    End(u32, u32),
}

impl Event {
    pub fn key(self) -> u64 {
        match self {
            Event::Need => 1,
            Event::Method(h, l) => 2 ^ u64::from(h) << 8 ^ u64::from(l),
            Event::Target(h, l, s) => 3 ^ u64::from(h) << 8 ^ u64::from(l) << 40 ^ u64::from(s),
            Event::Query(h, p) => 4 ^ u64::from(h) << 8 ^ u64::from(p) << 40,
            Event::Version(a, b) => 5 ^ u64::from(a) << 8 ^ u64::from(b) << 16,
            Event::Header(k, h, l) => 6 ^ u64::from(k) << 4 ^ u64::from(h) << 8 ^ u64::from(l) << 40,
            Event::ContentLength(n) => 7 ^ n << 8,
            Event::HeadersDone(n) => 8 ^ u64::from(n) << 8,
            Event::ChunkSize(n) => 9 ^ n << 8,
            Event::Body(b) => 10 ^ u64::from(b) << 8,
            Event::Trailer(n) => 11 ^ u64::from(n) << 8,
            Event::End(n, d) => 12 ^ u64::from(n) << 8 ^ u64::from(d) << 24,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    Eof,
    BadMethod,
    BadTarget,
    BadEscape,
    BadVersion,
    BadLineEnd,
    BadHeaderName,
    BadHeaderValue,
    BadContentLength,
    BadChunk,
    TooManyHeaders,
}

pub fn result_key(r: Result<u32, ParseError>) -> u64 {
    match r {
        Ok(n) => u64::from(n) << 32,
        Err(e) => 0xdead_0000 ^ e as u64,
    }
}

pub const FNV: u32 = 0x811c_9dc5;
pub const HTTP: &[u8] = b"HTTP/";
pub const MAX_HEADERS: u32 = 64;
pub const KIND_CONTENT_LENGTH: u8 = 1;
pub const KIND_TRANSFER_ENCODING: u8 = 2;
pub const KIND_CONNECTION: u8 = 3;

pub const fn fnv_bytes(s: &[u8]) -> u32 {
    let mut h = FNV;
    let mut i = 0;
    while i < s.len() {
        h = (h ^ s[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

pub const CHUNKED: u32 = fnv_bytes(b"chunked");
pub const CLOSE: u32 = fnv_bytes(b"close");
pub const KEEP_ALIVE: u32 = fnv_bytes(b"keep-alive");

#[inline]
pub fn fnv(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

pub fn hex(b: u8) -> Result<u8, ParseError> {
    match b {
        b'0'..=b'9' => Ok(b - b'0'),
        b'a'..=b'f' => Ok(b - b'a' + 10),
        b'A'..=b'F' => Ok(b - b'A' + 10),
        _ => Err(ParseError::BadEscape),
    }
}

pub fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

pub fn header_kind(name: &[u8; 32], len: usize) -> u8 {
    let name = &name[..len.min(32)];
    if name == b"content-length" {
        KIND_CONTENT_LENGTH
    } else if name == b"transfer-encoding" {
        KIND_TRANSFER_ENCODING
    } else if name == b"connection" {
        KIND_CONNECTION
    } else {
        0
    }
}

/// Requests for the check: a query with escapes, a Content-Length body, a chunked body with
/// an extension and a trailer, and `Connection: close` at the end.
pub const SAMPLE: &[u8] = b"GET /a/b%20c/d?x=1&y=%41%42 HTTP/1.1\r\nHost: example.com\r\nAccept:  text/html,  */* \r\n\r\n\
POST /submit HTTP/1.1\r\nHost: example.com\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world\
\r\nPUT /up/load HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nabcde\r\n3\r\nxyz\r\n0\r\nX-Sum: 9\r\n\r\n\
DELETE /x HTTP/1.0\r\nConnection: close\r\n\r\n";
"""


def parser_lines():
    return PARSER_BODY.count("\n") + 1


def body(family, size):
    if family == "match":
        return body_match(size)
    if family == "nested":
        return body_nested(size)
    if family == "yields":
        return body_yields(size)
    if family == "parser":
        return PARSER_BODY
    if family == "straight":
        return body_straight(size)
    raise ValueError(family)


ANNOT = re.compile(r"«([^»]*)»")


def for_impl(text, impl):
    """The body as impl's crate spells it."""
    if impl == "diapause":
        return ANNOT.sub(r"\1", text)
    text = ANNOT.sub("", text)
    if impl == "native":
        text = native_yields(text)
    return text


def native_yields(text):
    """`yield_!(e)` becomes `yield e` (operands may hold parentheses)."""
    out, i = [], 0
    while True:
        j = text.find("yield_!(", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j])
        k, depth = j + len("yield_!("), 1
        start = k
        while depth:
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            k += 1
        out.append("yield " + text[start : k - 1])
        i = k


# ---------------------------------------------------------------------------------------------
# Crates.


def signature(family, impl):
    """(attribute lines, fn head, body prefix, body suffix) for the coroutine `f`."""
    if family == "parser":
        y, r = "Event", "Result<u32, ParseError>"
        if impl == "coro":
            return (
                "#[coro::coroutine]\n",
                f"pub fn f(#[resume] first: Option<u8>) -> impl Coroutine<Option<u8>, Yield = {y}, Return = {r}> ",
                "",
                "",
            )
        if impl == "diapause":
            return (
                f"#[diapause::coroutine(yield = {y}, resume = Option<u8>)]\n",
                f"pub fn f(first: Option<u8>) -> {r} ",
                "",
                "",
            )
        return (
            "",
            f"pub fn f() -> impl Coroutine<Option<u8>, Yield = {y}, Return = {r}> + Unpin {{\n    #[coroutine]\n    move |first: Option<u8>| ",
            "",
            "\n}",
        )
    if impl == "coro":
        return ("#[coro::coroutine]\n", "pub fn f(n: u64) -> impl Coroutine<Yield = u64, Return = u64> ", "", "")
    if impl == "diapause":
        return ("#[diapause::coroutine(yield = u64)]\n", "pub fn f(n: u64) -> u64 ", "", "")
    return (
        "",
        "pub fn f(n: u64) -> impl Coroutine<Yield = u64, Return = u64> + Unpin {\n    #[coroutine]\n    move || ",
        "",
        "\n}",
    )


USES = {
    "coro": "use coro::{yield_, Coroutine};\n",
    "diapause": "",
    "native": "use std::ops::Coroutine;\n",
}


def co_module(family, size, impl):
    attr, head, pre, post = signature(family, impl)
    text = for_impl(body(family, size), impl)
    support = "use super::*;\n" if family == "parser" else ""
    return f"//! The coroutine alone (its tokens are counted).\n{support}{USES[impl]}\n{attr}{head}{pre}{text}{post}\n"


DRIVE_PRODUCER = {
    "coro": """
pub fn drive(n: u64) -> u64 {
    let mut c = co::f(n);
    let mut s = 0u64;
    loop {
        match c.resume(()) {
            CoroutineState::Yielded(x) => s = s.wrapping_mul(31).wrapping_add(x),
            CoroutineState::Complete(r) => return s ^ r,
        }
    }
}
""",
    "diapause": """
pub fn drive(n: u64) -> u64 {
    let mut c = co::f(n);
    let mut s = 0u64;
    let mut step = c.start();
    loop {
        match step {
            CoroutineState::Yielded(x) => s = s.wrapping_mul(31).wrapping_add(x),
            CoroutineState::Complete(r) => return s ^ r,
        }
        step = c.resume(());
    }
}
""",
    "native": """
pub fn drive(n: u64) -> u64 {
    let mut c = co::f(n);
    let mut s = 0u64;
    loop {
        match Pin::new(&mut c).resume(()) {
            CoroutineState::Yielded(x) => s = s.wrapping_mul(31).wrapping_add(x),
            CoroutineState::Complete(r) => return s ^ r,
        }
    }
}
""",
}

# The parser's driver: one resume per byte, then `None` until it completes.
DRIVE_PARSER = {
    "coro": """
pub fn drive(input: &[u8]) -> u64 {
    let mut p = co::f();
    let mut s = 0u64;
    for &b in input {
        match p.resume(Some(b)) {
            CoroutineState::Yielded(e) => s = s.wrapping_mul(31).wrapping_add(e.key()),
            CoroutineState::Complete(r) => return s ^ result_key(r),
        }
    }
    loop {
        match p.resume(None) {
            CoroutineState::Yielded(e) => s = s.wrapping_mul(31).wrapping_add(e.key()),
            CoroutineState::Complete(r) => return s ^ result_key(r),
        }
    }
}
""",
    "diapause": """
pub fn drive(input: &[u8]) -> u64 {
    let mut p = co::f(input.first().copied());
    let mut s = 0u64;
    let mut step = p.start();
    for &b in input.iter().skip(1) {
        match step {
            CoroutineState::Yielded(e) => s = s.wrapping_mul(31).wrapping_add(e.key()),
            CoroutineState::Complete(r) => return s ^ result_key(r),
        }
        step = p.resume(Some(b));
    }
    loop {
        match step {
            CoroutineState::Yielded(e) => s = s.wrapping_mul(31).wrapping_add(e.key()),
            CoroutineState::Complete(r) => return s ^ result_key(r),
        }
        step = p.resume(None);
    }
}
""",
    "native": """
pub fn drive(input: &[u8]) -> u64 {
    let mut p = co::f();
    let mut s = 0u64;
    for &b in input {
        match Pin::new(&mut p).resume(Some(b)) {
            CoroutineState::Yielded(e) => s = s.wrapping_mul(31).wrapping_add(e.key()),
            CoroutineState::Complete(r) => return s ^ result_key(r),
        }
    }
    loop {
        match Pin::new(&mut p).resume(None) {
            CoroutineState::Yielded(e) => s = s.wrapping_mul(31).wrapping_add(e.key()),
            CoroutineState::Complete(r) => return s ^ result_key(r),
        }
    }
}
""",
}

LIB_HEAD = {
    "coro": "use coro::{Coroutine, CoroutineState};\n",
    "diapause": "use diapause::{Coroutine, CoroutineState};\n",
    "native": "#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]\n"
    "use std::ops::{Coroutine, CoroutineState};\nuse std::pin::Pin;\n",
}

CHECK_ARG = {"match": "1000", "nested": "2", "yields": "10", "straight": "7"}


def lib_rs(family, size, impl):
    head = LIB_HEAD[impl]
    if impl == "native":  # inner attributes first
        feat, rest = head.split("\n", 1)
        head = feat + "\n#![allow(unused)]\n" + rest
    else:
        head = "#![allow(unused)]\n" + head
    doc = f"//! issue 12 scale: {family} {size} ({DESCRIPTIONS[family]}), {impl}.\n"
    if family == "parser":
        return (
            doc + head + PARSER_SUPPORT + "\npub mod co;\n" + DRIVE_PARSER[impl]
            + "\npub fn check() -> u64 {\n    drive(SAMPLE) ^ drive(&SAMPLE[..40]).rotate_left(17)\n}\n"
        )
    return (
        doc + head + "\npub mod co;\n" + DRIVE_PRODUCER[impl]
        + f"\npub fn check() -> u64 {{\n    drive({CHECK_ARG[family]})\n}}\n"
    )


def dependency(impl, coro_src):
    if impl == "coro":
        return f'coro = {{ package = "stable-coro", path = "{coro_src}" }}\n'
    if impl == "diapause":
        return 'diapause = { version = "0.2", default-features = false }\n'
    return ""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path) as f:
            if f.read() == text:
                return  # unchanged: keep the mtime
    except FileNotFoundError:
        pass
    with open(path, "w") as f:
        f.write(text)


def gen_crate(out, name, impl, lib, co, coro_src, lock):
    d = os.path.join(out, "crates", name)
    write(
        os.path.join(d, "Cargo.toml"),
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f"[dependencies]\n{dependency(impl, coro_src)}\n[workspace]\n",
    )
    write(os.path.join(d, "src", "lib.rs"), lib)
    if co is not None:
        write(os.path.join(d, "src", "co.rs"), co)
    write(
        os.path.join(d, "examples", "check.rs"),
        f'fn main() {{\n    println!("{{:#018x}}", {name}::check());\n}}\n',
    )
    if lock and not os.path.exists(os.path.join(d, "Cargo.lock")):
        shutil.copy(lock, os.path.join(d, "Cargo.lock"))
    return d


# ---------------------------------------------------------------------------------------------
# Tokens.

TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*)
  | (?P<rawstr>b?r(?P<hashes>\#*)")
  | (?P<str>[bc]?"(?:\\.|[^"\\])*")
  | (?P<char>b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]+\}|.)|[^\\'\n])')
  | (?P<lifetime>'[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*(?:\.(?![.A-Za-z_])[\d_]*)?(?:[eE][+-]?[\d_]+)?)(?:[A-Za-z_][A-Za-z0-9_]*)?)
  | (?P<ident>(?:r\#)?[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[^\sA-Za-z0-9_])
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(src):
    """A list of (kind, text) tokens; a lifetime gives two, a doc comment its attribute's six."""
    out, i, n = [], 0, len(src)
    while i < n:
        m = TOKEN.match(src, i)
        if not m:
            raise ValueError(f"cannot tokenize at {src[i:i + 40]!r}")
        kind = m.lastgroup if m.lastgroup != "hashes" else "rawstr"
        if m.group("rawstr"):
            kind = "rawstr"
        text = m.group(0)
        end = m.end()
        if kind == "comment":
            if text == "/*":  # nested block comment
                depth, j = 1, i + 2
                while depth:
                    if src.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif src.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                end = j
            elif text.startswith("///") or text.startswith("//!"):
                out += [("doc", text)] * (6 + text.startswith("//!"))
        elif kind == "rawstr":
            close = '"' + m.group("hashes")
            j = src.index(close, end)
            end = j + len(close)
            out.append(("lit", src[i:end]))
        elif kind == "lifetime":
            out += [("punct", "'"), ("ident", text[1:])]
        elif kind in ("str", "char", "num"):
            out.append(("lit", text))
        elif kind in ("ident", "punct"):
            out.append((kind, text))
        i = end
    return out


def matching(toks, open_index):
    """The index of the bracket closing toks[open_index]."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    stack = []
    for j in range(open_index, len(toks)):
        k, t = toks[j]
        if k != "punct":
            continue
        if t in pairs:
            stack.append(pairs[t])
        elif t in (")", "]", "}"):
            if stack.pop() != t:
                raise ValueError("unbalanced brackets")
            if not stack:
                return j
    raise ValueError("unclosed bracket")


def body_tokens(text):
    return len(tokens(ANNOT.sub("", text)))


def expansion_tokens(expanded):
    """Tokens of what module `co` holds in the expanded crate, less its `use` items."""
    toks = tokens(expanded)
    for j in range(len(toks) - 2):
        if toks[j] == ("ident", "mod") and toks[j + 1] == ("ident", "co") and toks[j + 2] == ("punct", "{"):
            start, end = j + 2, matching(toks, j + 2)
            break
    else:
        raise ValueError("no `mod co {` in the expanded crate")
    inner = toks[start + 1 : end]
    count, j = 0, 0
    while j < len(inner):
        if inner[j] == ("ident", "use"):  # skip to the `;` that ends it (no braces nest past it)
            while inner[j] != ("punct", ";"):
                j += 1
            j += 1
            continue
        count += 1
        j += 1
    return count


# ---------------------------------------------------------------------------------------------
# Running cargo.


def cargo(d, args, env, capture=False):
    r = subprocess.run(
        ["cargo", *args],
        cwd=d,
        env=env,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if r.returncode != 0:
        raise RuntimeError(f"cargo {' '.join(args)} in {d} failed:\n{r.stderr[-4000:]}")
    return r.stdout


def cpu_of(d, args, env):
    """user + sys seconds of one cargo run and everything it waited for (rustc)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    cargo(d, args, env)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def time_builds(d, env, runs, release):
    args = ["build", "--lib", "-q"] + (["--release"] if release else [])
    cpus, walls = [], []
    for _ in range(runs):
        os.utime(os.path.join(d, "src", "lib.rs"))
        cpu, wall = cpu_of(d, args, env)
        cpus.append(cpu)
        walls.append(wall)
    return {"cpu": statistics.median(cpus), "wall": statistics.median(walls), "cpus": cpus}


# ---------------------------------------------------------------------------------------------
# The table.


def fmt_tokens(r, impl):
    v = r.get(impl, {})
    if "error" in v:
        return "n/a"
    return f"{v['tokens']:,}" if "tokens" in v else "-"


def fmt_cpu(r, impl, prof):
    v = r.get(impl, {})
    if "error" in v:
        return "n/a"
    t = v.get(prof)
    return f"{t['cpu']:.2f}" if t else "-"


def ratio(a, b):
    return f"{a / b:.1f}x" if a and b else "-"


def size_label(family, size):
    if family == "parser":
        return f"{parser_lines()} lines"
    if family == "straight":
        return f"{body(family, size).count(chr(10)) + 1} lines, {size} yields"
    return str(size)


def table(results, specs):
    lines = [
        "| body | N | body tokens | expansion tokens coro / diapause / native | coro / body | "
        "coro target (8x body + 1,000) | debug build CPU s coro / diapause / native | "
        "release build CPU s coro / diapause / native | coro / native debug, release | check |",
        "|---|---|---:|---|---:|---:|---|---|---|---|",
    ]
    notes = []
    labels = sorted({results[f"{f}_{s}"].get("label", "?") for f, s in specs if f"{f}_{s}" in results})
    lines.insert(0, f"coro measured at: {', '.join(labels)}\n")
    for family, size in specs:
        r = results.get(f"{family}_{size}")
        if not r:
            continue
        bt = r["body_tokens"]
        ct = r.get("coro", {}).get("tokens")
        toks = " / ".join(fmt_tokens(r, i) for i in IMPLS)
        dbg = " / ".join(fmt_cpu(r, i, "debug") for i in IMPLS)
        rel = " / ".join(fmt_cpu(r, i, "release") for i in IMPLS)

        def cpu(i, p):
            return r.get(i, {}).get(p, {}).get("cpu")

        cn = f"{ratio(cpu('coro', 'debug'), cpu('native', 'debug'))}, {ratio(cpu('coro', 'release'), cpu('native', 'release'))}"
        target = 8 * bt + 1000
        met = "" if ct is None else (" (met)" if ct <= target else " (**missed**)")
        sums = {i: r[i].get("check") for i in IMPLS if i in r and r[i].get("check")}
        check = "-" if not sums else ("agree" if len(set(sums.values())) == 1 else "**differ**: " + ", ".join(f"{i} {s}" for i, s in sums.items()))
        lines.append(
            f"| {family} | {size_label(family, size)} | {bt:,} | {toks} | {ratio(ct, bt)} | {target:,}{met} | {dbg} | {rel} | {cn} | {check} |"
        )
        for i in IMPLS:
            if "error" in r.get(i, {}):
                notes.append(f"- {family} {size}, {i}: {r[i]['error']}")
    lines += [
        "",
        "CPU seconds of `cargo rustc --lib -- -Zunpretty=expanded` (one run: parsing and macro "
        "expansion, the attribute's work included, no type checking or code generation):",
        "",
        "| body | N | coro | diapause | native |",
        "|---|---|---:|---:|---:|",
    ]
    for family, size in specs:
        r = results.get(f"{family}_{size}")
        if r:
            cells = [f"{r[i]['expand_cpu']:.2f}" if "expand_cpu" in r.get(i, {}) else "-" for i in IMPLS]
            lines.append(f"| {family} | {size_label(family, size)} | {' | '.join(cells)} |")
    return "\n".join(lines + ([""] + notes if notes else []))


# ---------------------------------------------------------------------------------------------


def parse_specs(args):
    if not args:
        return [(f, s) for f, sizes in FAMILIES.items() for s in sizes]
    specs = []
    for a in args:
        fam, _, sizes = a.partition("=")
        if fam not in FAMILIES:
            sys.exit(f"scale: unknown family {fam!r} (known: {', '.join(FAMILIES)})")
        for s in sizes.split(",") if sizes else FAMILIES[fam]:
            specs.append((fam, int(s)))
    return specs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("specs", nargs="*", help="FAMILY or FAMILY=N,N (default: every family and size)")
    ap.add_argument("--root", required=True, help="the repository (for Cargo.lock)")
    ap.add_argument("--coro-src", required=True, help="the stable-coro package the coro crates depend on")
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--impls", default=",".join(IMPLS))
    ap.add_argument("--no-time", action="store_true", help="count tokens only")
    ap.add_argument("--no-check", action="store_true", help="skip running the drivers")
    ap.add_argument("--report", action="store_true", help="print the table of $OUT/results.json and stop")
    ap.add_argument("--label", default="", help="recorded with the results (the commit measured)")
    a = ap.parse_args()
    specs = parse_specs(a.specs)
    impls = [i for i in a.impls.split(",") if i]
    res_path = os.path.join(a.out, "results.json")
    try:
        with open(res_path) as f:
            results = json.load(f)
    except FileNotFoundError:
        results = {}
    if a.report:
        print(table(results, specs))
        return

    env = dict(os.environ, RUSTC_BOOTSTRAP="1", CARGO_INCREMENTAL="0", CARGO_TARGET_DIR=os.path.join(a.out, "target"))
    lock = os.path.join(a.root, "Cargo.lock")

    def save():
        with open(res_path + ".tmp", "w") as f:
            json.dump(results, f, indent=1)
        os.replace(res_path + ".tmp", res_path)

    def log(msg):
        print(f"[scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    # Dependencies, built once per implementation and profile by a crate with a trivial body.
    if not a.no_time or not a.no_check:
        for impl in impls:
            d = gen_crate(a.out, f"warm_{impl}", impl, lib_rs("yields", 1, impl), co_module("yields", 1, impl), a.coro_src, lock)
            log(f"dependencies of {impl}")
            for prof in ([], ["--release"]):
                cargo(d, ["build", "--lib", "-q", *prof], env)

    for family, size in specs:
        key = f"{family}_{size}"
        src = body(family, size)
        r = results.setdefault(key, {})
        r["body_tokens"] = body_tokens(src)
        r["body_lines"] = src.count("\n") + 1
        r["label"] = a.label
        for impl in impls:
            name = f"s_{family}_{size}_{impl}"
            d = gen_crate(a.out, name, impl, lib_rs(family, size, impl), co_module(family, size, impl), a.coro_src, lock)
            v = r[impl] = {}
            try:
                log(f"{key} {impl}: expanding")
                os.utime(os.path.join(d, "src", "lib.rs"))
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                expanded = cargo(d, ["rustc", "--lib", "-q", "--", "-Zunpretty=expanded"], env, capture=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                # One run: parsing and macro expansion (the attribute's own time), no checking.
                v["expand_cpu"] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                v["tokens"] = expansion_tokens(expanded)
                v["expanded_bytes"] = len(expanded)
                if not a.no_time:
                    for prof, rel in (("debug", False), ("release", True)):
                        log(f"{key} {impl}: {prof} builds")
                        v[prof] = time_builds(d, env, a.runs, rel)
                        log(f"{key} {impl}: {prof} cpu {v[prof]['cpus']}")
                if not a.no_check:
                    v["check"] = cargo(d, ["run", "-q", "--example", "check"], env, capture=True).strip()
            except RuntimeError as e:
                msg = str(e)
                first = next((ln for ln in msg.splitlines() if ln.startswith("error")), msg.splitlines()[0])
                v["error"] = first.strip()
                log(f"{key} {impl}: FAILED\n{msg}")
            save()
    print(table(results, specs))


if __name__ == "__main__":
    main()
