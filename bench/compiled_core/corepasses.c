/*
 * corepasses.c: three of copylint's per-story passes in C, for a measurement
 * (bench/compiled_core.py), never installed into the package.
 *
 * Each function does EXACTLY what the Python code named above it does, on
 * every input (checked by bench/compiled_core.py on the news corpus and on
 * generated Unicode/CRLF text, and by tests/test_compiled_core_bench.py):
 *
 *   caps_words      the variants check's capitalised-word scan
 *                   (copylint/checks/variants_compare.py, Comparer.run: the
 *                   caps findall plus _articles)
 *   sharing         _Table.sharing: signatures of a story's words, and which
 *                   words share one (the rare non-ASCII word calls back into
 *                   Python for NFKD, as a compiled core would use a Unicode
 *                   normalisation library)
 *   split_sentences copylint/document/sentences.py, split_sentences
 *   quote_marks     copylint/document/quotes.py, quote_marks (with and
 *                   without the source)
 *   repeated_runs   copylint/checks/repetition.py, _repeated_runs
 *
 * Character classes are the ones Python's re uses for str patterns:
 * \w = Py_UNICODE_ISALNUM || '_', \s = Py_UNICODE_ISSPACE; str.isalpha(),
 * isdigit(), islower(), isupper() of one character are the Py_UNICODE_IS*
 * macros.  C99, CPython C API only.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif

#define READ(i) PyUnicode_READ(kind, data, (i))

/* ------------------------------------------------------------------ variants */

/* _UPPER = "A-ZÀ-ÖØ-ÞĀ-ž", _LOWER = "a-zß-öø-ÿĀ-ž" (Latin Extended-A in both) */
static inline int is_upper_c(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDE) ||
           (c >= 0x100 && c <= 0x17E);
}

static inline int is_lower_c(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xF6) || (c >= 0xF8 && c <= 0xFF) ||
           (c >= 0x100 && c <= 0x17E);
}

/* [_LOWER'’-] */
static inline int is_run_c(Py_UCS4 c)
{
    return is_lower_c(c) || c == '\'' || c == 0x2019 || c == '-';
}

/* The end of a match of [U][L'’-]{n,}[L] starting at i (greedy, backtracking to
 * the last lower-case letter of the run), or -1. */
static Py_ssize_t caps_match(int kind, const void *data, Py_ssize_t len, Py_ssize_t i, Py_ssize_t n)
{
    Py_ssize_t j, last = -1;
    if (i >= len || !is_upper_c(READ(i)))
        return -1;
    for (j = i + 1; j < len; j++) {
        Py_UCS4 c = READ(j);
        if (!is_run_c(c))
            break;
        if (j - (i + 1) >= n && is_lower_c(c))
            last = j;
    }
    return last < 0 ? -1 : last + 1;
}

static int add_slice(PyObject *set, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *word = PyUnicode_Substring(text, start, end);
    int rc;
    if (word == NULL)
        return -1;
    rc = PySet_Add(set, word);
    Py_DECREF(word);
    return rc;
}

/* Comparer.run's scan:
 *     words = set(caps.findall(prose))   # [U][L'’-]{n,}[L], n = min_inner
 *     if "l-" in prose:
 *         words.update(text for _s, _e, text in _articles(prose, name))
 */
static PyObject *caps_words(PyObject *self, PyObject *args)
{
    PyObject *prose, *words;
    Py_ssize_t n, len, i;
    int kind;
    const void *data;
    if (!PyArg_ParseTuple(args, "Un", &prose, &n))
        return NULL;
    words = PySet_New(NULL);
    if (words == NULL)
        return NULL;
    kind = PyUnicode_KIND(prose);
    data = PyUnicode_DATA(prose);
    len = PyUnicode_GET_LENGTH(prose);
    i = 0;
    while (i < len) {
        Py_ssize_t end;
        if (kind == PyUnicode_1BYTE_KIND) {  /* Latin-1 text: skip to the next capital */
            const Py_UCS1 *p = (const Py_UCS1 *)data;
            while (i < len && !is_upper_c(p[i]))
                i++;
            if (i >= len)
                break;
        }
        if (!is_upper_c(READ(i))) {
            i++;
            continue;
        }
        end = caps_match(kind, data, len, i, n);
        if (end < 0) {
            i++;
            continue;
        }
        if (add_slice(words, prose, i, end) < 0)
            goto fail;
        i = end;
    }
    /* _articles: from each "l-", an article a/A/e/E not inside a word, then -Name */
    for (i = 1; i + 1 < len; i++) {
        Py_UCS4 a, b;
        Py_ssize_t end;
        if (READ(i) != 'l' || READ(i + 1) != '-')
            continue;
        a = READ(i - 1);
        if (a != 'a' && a != 'A' && a != 'e' && a != 'E')
            continue;
        if (i >= 2) {
            b = READ(i - 2);
            if (Py_UNICODE_ISALNUM(b) || b == '\'' || b == 0x2019 || b == '-')
                continue;
        }
        end = caps_match(kind, data, len, i + 2, 0);
        if (end >= 0 && add_slice(words, prose, i - 1, end) < 0)
            goto fail;
    }
    return words;
fail:
    Py_DECREF(words);
    return NULL;
}

/* The word without a possessive 's ('s or ’s at its end): a new reference. */
static PyObject *base_of(PyObject *word)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    if (len >= 2 && PyUnicode_READ_CHAR(word, len - 1) == 's') {
        Py_UCS4 c = PyUnicode_READ_CHAR(word, len - 2);
        if (c == '\'' || c == 0x2019)
            return PyUnicode_Substring(word, 0, len - 2);
    }
    Py_INCREF(word);
    return word;
}

/* The ASCII signature of an ASCII text: lower-cased, trans applied, drop
 * removed, runs of the collapsed letters written once. */
static PyObject *ascii_signature(const char *src, Py_ssize_t len, const unsigned char *trans,
                                 const char *dropped, const char *collapse, char *buffer)
{
    Py_ssize_t k, out = 0;
    for (k = 0; k < len; k++) {
        unsigned char c = (unsigned char)src[k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (dropped[c])
            continue;
        c = trans[c];
        if (out && collapse[c] && (unsigned char)buffer[out - 1] == c)
            continue;
        buffer[out++] = (char)c;
    }
    return PyUnicode_FromStringAndSize(buffer, out);
}

/* _Table.sharing(words), given its _signature() tables:
 *     sharing(words, stop_as_written, trans, drop, collapse_letters, slow)
 * ``collapse_letters`` are the letters whose doubles are collapsed (the
 * ``doubles`` of _signature, one letter each); ``slow(lower_base)`` gives the
 * signature of a base whose lower-cased form is not ASCII (NFKD, combining
 * marks removed, str.translate, _collapse_doubled), and of every base when
 * ``trans`` is empty.  Returns the words whose signature another base has
 * too, as a list, or () when there are none (the set of words is what
 * counts: the Python returns them in the order of a new set). */
static PyObject *sharing(PyObject *self, PyObject *args)
{
    PyObject *words, *stop, *slow, *iter = NULL, *word;
    Py_buffer trans = {0}, drop = {0};
    const char *collapse_letters;
    Py_ssize_t collapse_len, count = 0, capacity, k, maxlen = 0;
    PyObject **kept = NULL, **sigs = NULL;
    PyObject *base_sig = NULL, *counts = NULL, *result = NULL;
    char dropped[256], collapse[256];
    char *buffer = NULL;
    if (!PyArg_ParseTuple(args, "OOy*y*s#O", &words, &stop, &trans, &drop, &collapse_letters,
                          &collapse_len, &slow))
        return NULL;
    if (trans.len != 0 && trans.len != 256) {
        PyErr_SetString(PyExc_ValueError, "trans must be a 256-byte table or empty");
        goto done;
    }
    memset(dropped, 0, sizeof dropped);
    memset(collapse, 0, sizeof collapse);
    for (k = 0; k < drop.len; k++)
        dropped[((unsigned char *)drop.buf)[k]] = 1;
    for (k = 0; k < collapse_len; k++)
        collapse[(unsigned char)collapse_letters[k]] = 1;
    capacity = PySet_Check(words) ? PySet_GET_SIZE(words) : 16;
    if (capacity < 1)
        capacity = 1;
    kept = PyMem_New(PyObject *, capacity);
    sigs = PyMem_New(PyObject *, capacity);
    if (kept == NULL || sigs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* words.difference(self.stop_as_written) */
    iter = PyObject_GetIter(words);
    if (iter == NULL)
        goto done;
    while ((word = PyIter_Next(iter)) != NULL) {
        int in_stop = PySet_Contains(stop, word);
        if (in_stop < 0 || !PyUnicode_Check(word)) {
            if (in_stop >= 0)
                PyErr_SetString(PyExc_TypeError, "words must be str");
            Py_DECREF(word);
            goto done;
        }
        if (in_stop) {
            Py_DECREF(word);
            continue;
        }
        if (count == capacity) {
            capacity *= 2;
            PyMem_Resize(kept, PyObject *, capacity);
            PyMem_Resize(sigs, PyObject *, capacity);
            if (kept == NULL || sigs == NULL) {
                Py_DECREF(word);
                PyErr_NoMemory();
                goto done;
            }
        }
        sigs[count] = NULL;
        kept[count++] = word;
        if (PyUnicode_GET_LENGTH(word) > maxlen)
            maxlen = PyUnicode_GET_LENGTH(word);
    }
    if (PyErr_Occurred())
        goto done;
    if (count < 2) {
        result = PyTuple_New(0);
        goto done;
    }
    buffer = PyMem_Malloc((size_t)maxlen + 1);
    base_sig = PyDict_New();  /* base -> signature (each base has one) */
    counts = PyDict_New();    /* signature -> number of bases */
    if (buffer == NULL || base_sig == NULL || counts == NULL) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    for (k = 0; k < count; k++) {
        PyObject *base = base_of(kept[k]), *sig;
        int known;
        if (base == NULL)
            goto done;
        known = PyDict_Contains(base_sig, base);
        if (known < 0) {
            Py_DECREF(base);
            goto done;
        }
        if (known) {
            sig = PyDict_GetItemWithError(base_sig, base);
            Py_XINCREF(sig);
        } else if (trans.len && PyUnicode_IS_ASCII(base)) {
            sig = ascii_signature((const char *)PyUnicode_1BYTE_DATA(base), PyUnicode_GET_LENGTH(base),
                                  (const unsigned char *)trans.buf, dropped, collapse, buffer);
        } else {
            PyObject *low = PyObject_CallMethod(base, "lower", NULL);
            if (low == NULL) {
                Py_DECREF(base);
                goto done;
            }
            if (trans.len && PyUnicode_IS_ASCII(low)) {
                char *wide = PyMem_Malloc((size_t)PyUnicode_GET_LENGTH(low) + 1);
                sig = wide == NULL ? PyErr_NoMemory()
                                   : ascii_signature((const char *)PyUnicode_1BYTE_DATA(low),
                                                     PyUnicode_GET_LENGTH(low), (const unsigned char *)trans.buf,
                                                     dropped, collapse, wide);
                PyMem_Free(wide);
            } else {
                sig = PyObject_CallOneArg(slow, low);
            }
            Py_DECREF(low);
        }
        if (sig == NULL) {
            Py_DECREF(base);
            goto done;
        }
        if (!known) {
            PyObject *seen;
            long before;
            if (PyDict_SetItem(base_sig, base, sig) < 0) {
                Py_DECREF(base);
                Py_DECREF(sig);
                goto done;
            }
            seen = PyDict_GetItemWithError(counts, sig);
            if (seen == NULL && PyErr_Occurred()) {
                Py_DECREF(base);
                Py_DECREF(sig);
                goto done;
            }
            before = seen == NULL ? 0 : PyLong_AsLong(seen);
            seen = PyLong_FromLong(before + 1);
            if (seen == NULL || PyDict_SetItem(counts, sig, seen) < 0) {
                Py_XDECREF(seen);
                Py_DECREF(base);
                Py_DECREF(sig);
                goto done;
            }
            Py_DECREF(seen);
        }
        Py_DECREF(base);
        sigs[k] = sig;
    }
    if (PyDict_GET_SIZE(counts) == PyDict_GET_SIZE(base_sig)) {
        result = PyTuple_New(0);  /* no two bases share a signature */
        goto done;
    }
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    for (k = 0; k < count; k++) {
        PyObject *seen = PyDict_GetItemWithError(counts, sigs[k]);
        if (seen == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_KeyError, "signature");
            Py_CLEAR(result);
            goto done;
        }
        if (PyLong_AsLong(seen) > 1 && PyList_Append(result, kept[k]) < 0) {
            Py_CLEAR(result);
            goto done;
        }
    }
done:
    for (k = 0; k < count; k++) {
        Py_DECREF(kept[k]);
        Py_XDECREF(sigs[k]);
    }
    PyMem_Free(kept);
    PyMem_Free(sigs);
    PyMem_Free(buffer);
    Py_XDECREF(iter);
    Py_XDECREF(base_sig);
    Py_XDECREF(counts);
    PyBuffer_Release(&trans);
    PyBuffer_Release(&drop);
    return result;
}

/* ----------------------------------------------------------------- sentences */

static inline int is_word_c(Py_UCS4 c)
{
    return Py_UNICODE_ISALNUM(c) || c == '_';
}

static inline int is_punct_c(Py_UCS4 c)  /* (?:\.{3}|…|[.!?]) */
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static inline int is_closer_c(Py_UCS4 c)  /* ["'”’)\]] */
{
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']';
}

/* _is_abbreviation(text, stop), given ABBREVIATIONS */
static int is_abbreviation(PyObject *text, int kind, const void *data, Py_ssize_t stop, PyObject *abbreviations)
{
    Py_ssize_t lo = stop - 20 > 0 ? stop - 20 : 0, s, e, k, n;
    PyObject *word, *low;
    int found;
    /* ([\w.]+)$ searched in text[lo:stop]: $ is the end, or before a final "\n" */
    if (stop > lo && (is_word_c(READ(stop - 1)) || READ(stop - 1) == '.'))
        e = stop;
    else if (stop - 1 > lo && READ(stop - 1) == '\n' && (is_word_c(READ(stop - 2)) || READ(stop - 2) == '.'))
        e = stop - 1;
    else
        return 0;
    s = e;
    while (s > lo && (is_word_c(READ(s - 1)) || READ(s - 1) == '.'))
        s--;
    n = e - s;
    word = PyUnicode_Substring(text, s, e);
    if (word == NULL)
        return -1;
    low = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    if (low == NULL)
        return -1;
    found = PySet_Contains(abbreviations, low);
    Py_DECREF(low);
    if (found)
        return found;  /* 1, or -1 on an error */
    if (n == 1) {
        Py_UCS4 c = READ(s);
        if (Py_UNICODE_ISALPHA(c) && Py_UNICODE_ISUPPER(c))
            return 1;  /* an initial */
    }
    /* _DOTTED.fullmatch: (?:\w\.)+\w?$ */
    if (n < 2)
        return 0;
    for (k = 0; k < n; k++) {
        Py_UCS4 c = READ(s + k);
        if (k % 2 == 0 ? !is_word_c(c) : c != '.')
            return 0;
    }
    return 1;
}

static int append_span(PyObject *spans, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *x = PyLong_FromSsize_t(a), *y = x == NULL ? NULL : PyLong_FromSsize_t(b), *span;
    int rc;
    if (y == NULL) {
        Py_XDECREF(x);
        return -1;
    }
    span = PyTuple_New(2);
    if (span == NULL) {
        Py_DECREF(x);
        Py_DECREF(y);
        return -1;
    }
    PyTuple_SET_ITEM(span, 0, x);
    PyTuple_SET_ITEM(span, 1, y);
    rc = PyList_Append(spans, span);
    Py_DECREF(span);
    return rc;
}

/* split_sentences(text, start, end, ABBREVIATIONS) -> list of (start, end) */
static PyObject *split_sentences(PyObject *self, PyObject *args)
{
    PyObject *text, *abbreviations, *spans;
    Py_ssize_t start, end, len, i, begin;
    int kind;
    const void *data;
    if (!PyArg_ParseTuple(args, "UnnO", &text, &start, &end, &abbreviations))
        return NULL;
    len = PyUnicode_GET_LENGTH(text);
    /* the slice semantics of re's pos and endpos */
    if (end > len)
        end = len;
    if (end < 0)
        end = 0;
    if (start < 0)
        start = 0;
    spans = PyList_New(0);
    if (spans == NULL)
        return NULL;
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    begin = start;
    i = start;
    while (i < end) {
        Py_ssize_t q, r, nxt;
        Py_UCS4 first, following;
        if (kind == PyUnicode_1BYTE_KIND) {  /* Latin-1 text: skip to the next . ! ? (… is not Latin-1) */
            const Py_UCS1 *p = (const Py_UCS1 *)data;
            while (i < end && p[i] != '.' && p[i] != '!' && p[i] != '?')
                i++;
            if (i >= end)
                break;
        }
        if (!is_punct_c(READ(i))) {
            i++;
            continue;
        }
        q = i;
        while (q < end && is_punct_c(READ(q)))
            q++;
        r = q;
        while (r < end && is_closer_c(READ(r)))
            r++;
        if (r >= end || !Py_UNICODE_ISSPACE(READ(r))) {
            i = q;  /* no match starts inside this run of stops */
            continue;
        }
        /* a match: text[i:r] */
        nxt = r;
        while (nxt < end && Py_UNICODE_ISSPACE(READ(nxt)))
            nxt++;
        if (nxt >= end)
            break;
        following = READ(nxt);
        first = READ(i);
        {
            int dots = q - i >= 3 && READ(i + 1) == '.' && READ(i + 2) == '.' && first == '.';
            if (first == '.' && !dots) {
                int abbreviation = is_abbreviation(text, kind, data, i, abbreviations);
                if (abbreviation < 0)
                    goto fail;
                if (abbreviation) {
                    i = r;
                    continue;
                }
            }
            if ((dots || first == 0x2026) && Py_UNICODE_ISLOWER(following)) {
                i = r;
                continue;
            }
        }
        if (append_span(spans, begin, r) < 0)
            goto fail;
        begin = nxt;
        i = r;
    }
    if (begin < end && append_span(spans, begin, end) < 0)
        goto fail;
    return spans;
fail:
    Py_DECREF(spans);
    return NULL;
}

/* -------------------------------------------------------------------- quotes */

static inline int open_before_c(Py_UCS4 c)  /* _OPEN_BEFORE */
{
    switch (c) {
    case ' ': case '\t': case '\r': case '\n': case '(': case '[': case '{':
    case 0x2014: case 0x2013: case '-': case '/': case 0xA0:
        return 1;
    default:
        return 0;
    }
}

static inline int stop_c(Py_UCS4 c)  /* ".!?,;:" */
{
    return c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':';
}

/* _through_markup(text, source, k, step) */
static Py_UCS4 through_markup(int kind, const void *data, Py_ssize_t n, int skind, const void *sdata,
                              Py_ssize_t k, Py_ssize_t step)
{
    while (0 <= k && k < n && READ(k) == ' ') {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(skind, sdata, k))) {
            Py_ssize_t j = k;
            while (0 <= j && j < n && READ(j) == ' ' &&
                   (PyUnicode_READ(skind, sdata, j) == ' ' || PyUnicode_READ(skind, sdata, j) == '\t'))
                j += step;
            if (0 <= j && j < n && READ(j) == ' ' && !Py_UNICODE_ISSPACE(PyUnicode_READ(skind, sdata, j))) {
                k = j;
                continue;
            }
            return ' ';
        }
        k += step;
    }
    return (0 <= k && k < n) ? READ(k) : ' ';
}

static PyObject *new_mark(PyTypeObject *type, Py_ssize_t offset, PyObject *text, Py_UCS4 ch, int opens,
                          int ambiguous)
{
    /* what Mark(offset, ch, opens, ambiguous) builds: a tuple of the NamedTuple's type */
    PyObject *mark = type->tp_alloc(type, 4), *item;
    if (mark == NULL)
        return NULL;
    item = PyLong_FromSsize_t(offset);
    if (item == NULL)
        goto fail;
    PyTuple_SET_ITEM(mark, 0, item);
    item = PyUnicode_FromOrdinal(ch);
    if (item == NULL)
        goto fail;
    PyTuple_SET_ITEM(mark, 1, item);
    item = opens ? Py_True : Py_False;
    Py_INCREF(item);
    PyTuple_SET_ITEM(mark, 2, item);
    item = ambiguous ? Py_True : Py_False;
    Py_INCREF(item);
    PyTuple_SET_ITEM(mark, 3, item);
    return mark;
fail:
    Py_DECREF(mark);
    return NULL;
}

/* quote_marks(text, start, end, source, Mark) -> list of Mark */
static PyObject *quote_marks(PyObject *self, PyObject *args)
{
    PyObject *text, *source, *mark_type, *marks = NULL;
    Py_ssize_t start, end, len, i, count = 0, k;
    Py_ssize_t *offsets = NULL;
    char *skip = NULL;
    int kind, skind = 0;
    const void *data, *sdata = NULL;
    if (!PyArg_ParseTuple(args, "UnnOO", &text, &start, &end, &source, &mark_type))
        return NULL;
    if (!PyType_Check(mark_type) || !PyType_IsSubtype((PyTypeObject *)mark_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "Mark must be a tuple type");
        return NULL;
    }
    len = PyUnicode_GET_LENGTH(text);
    if (source != Py_None) {
        if (!PyUnicode_Check(source) || PyUnicode_GET_LENGTH(source) != len) {
            PyErr_SetString(PyExc_ValueError, "source must be a str as long as the text");
            return NULL;
        }
        skind = PyUnicode_KIND(source);
        sdata = PyUnicode_DATA(source);
    }
    /* str.find's slice semantics */
    if (end > len)
        end = len;
    if (start < 0)
        start = 0;
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {  /* Latin-1 text: only straight marks, found by memchr */
        const char *p = (const char *)data, *at = start < end ? memchr(p + start, '"', (size_t)(end - start)) : NULL;
        while (at != NULL) {
            count++;
            at = memchr(at + 1, '"', (size_t)(p + end - at - 1));
        }
    } else {
        for (i = start; i < end; i++) {
            Py_UCS4 c = READ(i);
            if (c == '"' || c == 0x201C || c == 0x201D)
                count++;
        }
    }
    marks = PyList_New(0);
    if (marks == NULL || count == 0)
        return marks;
    offsets = PyMem_New(Py_ssize_t, count);
    skip = PyMem_Calloc((size_t)count, 1);
    if (offsets == NULL || skip == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    count = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const char *p = (const char *)data, *at = memchr(p + start, '"', (size_t)(end - start));
        while (at != NULL) {
            offsets[count++] = at - p;
            at = memchr(at + 1, '"', (size_t)(p + end - at - 1));
        }
    } else {
        for (i = start; i < end; i++) {
            Py_UCS4 c = READ(i);
            if (c == '"' || c == 0x201C || c == 0x201D)
                offsets[count++] = i;
        }
    }
    /* _assigned_values: name="value" on one line */
    for (k = 0; k + 1 < count; k++) {
        Py_ssize_t at = offsets[k], j, m;
        Py_UCS4 name;
        int one_line = 1;
        if (at < 2 || READ(at) != '"' || READ(at - 1) != '=' || skip[k])
            continue;
        name = READ(at - 2);
        if (!(Py_UNICODE_ISALNUM(name) || name == '_') || at + 1 >= len || Py_UNICODE_ISSPACE(READ(at + 1)))
            continue;
        j = offsets[k + 1];
        for (m = at; m < j; m++) {
            Py_UCS4 c = READ(m);
            if (c == '\n' || c == '\r') {
                one_line = 0;
                break;
            }
        }
        if (READ(j) == '"' && one_line)
            skip[k] = skip[k + 1] = 1;
    }
    for (k = 0; k < count; k++) {
        Py_UCS4 ch, before, after;
        PyObject *mark = NULL;
        i = offsets[k];
        if (skip[k])
            continue;
        ch = READ(i);
        if (ch == 0x201C) {
            mark = new_mark((PyTypeObject *)mark_type, i, text, ch, 1, 0);
        } else if (ch == 0x201D) {
            mark = new_mark((PyTypeObject *)mark_type, i, text, ch, 0, 0);
        } else {
            before = i > 0 ? READ(i - 1) : ' ';
            after = i < len - 1 ? READ(i + 1) : ' ';
            if (sdata != NULL) {
                if (before == ' ' && i > 0 && !Py_UNICODE_ISSPACE(PyUnicode_READ(skind, sdata, i - 1)))
                    before = through_markup(kind, data, len, skind, sdata, i - 1, -1);
                if (after == ' ' && i < len - 1 && !Py_UNICODE_ISSPACE(PyUnicode_READ(skind, sdata, i + 1)))
                    after = through_markup(kind, data, len, skind, sdata, i + 1, 1);
            }
            if (Py_UNICODE_ISALPHA(before) && Py_UNICODE_ISALPHA(after))
                continue;  /* a mangled apostrophe */
            if (Py_UNICODE_ISDIGIT(before))
                mark = new_mark((PyTypeObject *)mark_type, i, text, ch, 0, 1);
            else if (((open_before_c(before) || stop_c(before)) && Py_UNICODE_ISALPHA(after)) ||
                     (open_before_c(before) && !Py_UNICODE_ISSPACE(after)))
                mark = new_mark((PyTypeObject *)mark_type, i, text, ch, 1, 0);
            else
                mark = new_mark((PyTypeObject *)mark_type, i, text, ch, 0, 0);
        }
        if (mark == NULL || PyList_Append(marks, mark) < 0) {
            Py_XDECREF(mark);
            goto fail;
        }
        Py_DECREF(mark);
    }
    PyMem_Free(offsets);
    PyMem_Free(skip);
    return marks;
fail:
    PyMem_Free(offsets);
    PyMem_Free(skip);
    Py_XDECREF(marks);
    return NULL;
}

/* ---------------------------------------------------------------- repetition */

/* [\w'’-] as _repeated_runs reads it: an ASCII character that is alphanumeric
 * or one of _ ' -, any other character that is alphanumeric or ’ */
static inline int is_token_c(Py_UCS4 c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '\'' || c == '-';
    return Py_UNICODE_ISALNUM(c) || c == 0x2019;
}

static char token1[256];  /* is_token_c of each Latin-1 character, filled at import */

/* _repeated_runs(lower): every maximal run of token characters that the next
 * run repeats exactly */
static PyObject *repeated_runs(PyObject *self, PyObject *args)
{
    PyObject *text, *found;
    Py_ssize_t len, i = 0, prev_start = -1, prev_len = 0;
    int kind;
    const void *data;
    if (!PyArg_ParseTuple(args, "U", &text))
        return NULL;
    found = PySet_New(NULL);
    if (found == NULL)
        return NULL;
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    len = PyUnicode_GET_LENGTH(text);
    while (i < len) {
        Py_ssize_t start;
        if (kind == PyUnicode_1BYTE_KIND) {  /* Latin-1 text: a table a character */
            const Py_UCS1 *p = (const Py_UCS1 *)data;
            while (i < len && !token1[p[i]])
                i++;
            if (i >= len)
                break;
            start = i;
            while (i < len && token1[p[i]])
                i++;
        } else {
            if (!is_token_c(READ(i))) {
                i++;
                continue;
            }
            start = i;
            while (i < len && is_token_c(READ(i)))
                i++;
        }
        if (prev_start >= 0 && i - start == prev_len &&
            memcmp((const char *)data + prev_start * kind, (const char *)data + start * kind,
                   (size_t)(prev_len * kind)) == 0 &&
            add_slice(found, text, start, i) < 0) {
            Py_DECREF(found);
            return NULL;
        }
        prev_start = start;
        prev_len = i - start;
    }
    return found;
}

/* ------------------------------------------------------------ measurement */

/* callgrind_toggle(): start or stop counting instructions (nothing outside
 * valgrind); callgrind_dump(name): write the counts so far to a dump of
 * their own, named.  bench/compiled_core.py runs under
 * valgrind --tool=callgrind --collect-atstart=no and counts each loop alone. */
static PyObject *callgrind_toggle(PyObject *self, PyObject *unused)
{
#ifdef HAVE_CALLGRIND
    CALLGRIND_TOGGLE_COLLECT;
#endif
    Py_RETURN_NONE;
}

static PyObject *callgrind_dump(PyObject *self, PyObject *args)
{
    const char *name;
    if (!PyArg_ParseTuple(args, "s", &name))
        return NULL;
#ifdef HAVE_CALLGRIND
    CALLGRIND_DUMP_STATS_AT(name);
#endif
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"repeated_runs", repeated_runs, METH_VARARGS, "repeated_runs(lower) -> set of runs repeated at once"},
    {"callgrind_toggle", callgrind_toggle, METH_NOARGS, "start or stop callgrind's counting"},
    {"callgrind_dump", callgrind_dump, METH_VARARGS, "write callgrind's counts as a named dump"},
    {"caps_words", caps_words, METH_VARARGS, "caps_words(prose, min_inner) -> set of capitalised words"},
    {"sharing", sharing, METH_VARARGS,
     "sharing(words, stop, trans, drop, collapse_letters, slow) -> list of words sharing a signature, or ()"},
    {"split_sentences", split_sentences, METH_VARARGS,
     "split_sentences(text, start, end, abbreviations) -> list of (start, end)"},
    {"quote_marks", quote_marks, METH_VARARGS, "quote_marks(text, start, end, source, Mark) -> list of Mark"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_copylint_corepasses", "copylint per-story passes in C (a measurement)", -1,
    methods,
};

PyMODINIT_FUNC PyInit__copylint_corepasses(void)
{
    PyObject *m = PyModule_Create(&module);
    int c;
    for (c = 0; c < 256; c++)
        token1[c] = (char)is_token_c((Py_UCS4)c);
#ifdef HAVE_CALLGRIND
    if (m != NULL && PyModule_AddIntConstant(m, "HAVE_CALLGRIND", 1) < 0) {
#else
    if (m != NULL && PyModule_AddIntConstant(m, "HAVE_CALLGRIND", 0) < 0) {
#endif
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
