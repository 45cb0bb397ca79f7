package ledger

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tdkt/tdkt/eventstore"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// ReceiptHeader is the first line of a receipt: receipts are C2SP
// tlog-proof files (https://c2sp.org/tlog-proof), so any tool that reads
// that format reads them.
const ReceiptHeader = "c2sp.org/tlog-proof@v1"

// ErrMalformedReceipt: a receipt is not a tlog-proof file of the shape
// MakeReceipt writes.
var ErrMalformedReceipt = errors.New("malformed receipt")

// Receipt is one event's proof of inclusion, self-contained: its export
// line, its seq, the inclusion proof in the tree of the checkpoint's size,
// and the signed checkpoint.
//
// On disk (Marshal) it is a C2SP tlog-proof:
//
//	c2sp.org/tlog-proof@v1
//	extra <base64 of the export line>
//	index <seq>
//	<proof hash, base64>   (one line each, leaf to root)
//	<empty line>
//	<the signed checkpoint note>
//
// The tlog-proof "extra" field carries the export line, so the receipt
// alone lets an inspector recompute the leaf (SHA-256 of 0x00 and the
// line), walk the proof to the root and check that root's signature.
type Receipt struct {
	// Line is the event's export line, without a newline.
	Line []byte
	// Seq is the event's seq: its leaf index.
	Seq uint64
	// Proof is the inclusion proof of leaf Seq in the tree of the
	// checkpoint's size.
	Proof []tlog.Hash
	// Checkpoint is the signed checkpoint note, verbatim.
	Checkpoint []byte
}

// Marshal returns the receipt as a tlog-proof file.
func (r Receipt) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(ReceiptHeader + "\n")
	b.WriteString("extra " + base64.StdEncoding.EncodeToString(r.Line) + "\n")
	b.WriteString("index " + strconv.FormatUint(r.Seq, 10) + "\n")
	for _, h := range r.Proof {
		b.WriteString(base64.StdEncoding.EncodeToString(h[:]) + "\n")
	}
	b.WriteString("\n")
	b.Write(r.Checkpoint)
	return b.Bytes()
}

// ParseReceipt parses a tlog-proof file written by Marshal. It checks the
// shape only; VerifyReceipt checks what it proves.
func ParseReceipt(data []byte) (Receipt, error) {
	bad := func(format string, args ...any) (Receipt, error) {
		return Receipt{}, fmt.Errorf("%w: %s", ErrMalformedReceipt, fmt.Sprintf(format, args...))
	}
	head, cp, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		return bad("no empty line before the checkpoint")
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) < 3 || lines[0] != ReceiptHeader {
		return bad("the first line must be %q", ReceiptHeader)
	}
	extra, ok := strings.CutPrefix(lines[1], "extra ")
	if !ok {
		return bad("line 2 must be \"extra <base64 export line>\" (a tdkt receipt carries the event)")
	}
	// encoding/base64 skips '\r' and '\n' even in strict mode; a receipt
	// has one byte form, so each base64 line must be its own re-encoding.
	line, err := base64.StdEncoding.Strict().DecodeString(extra)
	if err != nil || len(line) == 0 || base64.StdEncoding.EncodeToString(line) != extra {
		return bad("line 2: the export line is not valid base64")
	}
	idx, ok := strings.CutPrefix(lines[2], "index ")
	if !ok {
		return bad("line 3 must be \"index <seq>\"")
	}
	seq, err := strconv.ParseUint(idx, 10, 63)
	if err != nil || strconv.FormatUint(seq, 10) != idx {
		return bad("line 3: %q is not a seq", idx)
	}
	r := Receipt{Line: line, Seq: seq, Checkpoint: cp}
	for i, l := range lines[3:] {
		h, err := base64.StdEncoding.Strict().DecodeString(l)
		if err != nil || len(h) != tlog.HashSize || base64.StdEncoding.EncodeToString(h) != l {
			return bad("line %d: not a base64 SHA-256 hash", i+4)
		}
		r.Proof = append(r.Proof, tlog.Hash(h))
	}
	if len(r.Proof) > 63 {
		return bad("the proof has %d hashes, more than any tree can need", len(r.Proof))
	}
	return r, nil
}

// VerifyReceipt checks a receipt offline: the checkpoint's signature by
// verifier (and its origin), that the export line is a valid canonical
// export line of the receipt's seq, and that the inclusion proof takes the
// line's leaf to the checkpoint's root. It returns the parsed receipt, the
// event and the checkpoint. Errors wrap ErrMalformedReceipt, ErrSignature,
// ErrOriginMismatch, ErrInvalidRange or ErrProofFailed.
func VerifyReceipt(data []byte, verifier note.Verifier) (Receipt, eventstore.RecordedEvent, Checkpoint, error) {
	r, err := ParseReceipt(data)
	if err != nil {
		return Receipt{}, eventstore.RecordedEvent{}, Checkpoint{}, err
	}
	cp, err := Open(r.Checkpoint, verifier)
	if err != nil {
		return r, eventstore.RecordedEvent{}, Checkpoint{}, err
	}
	ev, err := eventstore.ParseExportLine(r.Line)
	if err != nil {
		return r, eventstore.RecordedEvent{}, cp, fmt.Errorf("%w: the export line: %w", ErrMalformedReceipt, err)
	}
	if ev.Seq != r.Seq {
		return r, ev, cp, fmt.Errorf("%w: the export line is seq %d but the receipt proves index %d", ErrProofFailed, ev.Seq, r.Seq)
	}
	if err := VerifyInclusion(r.Line, r.Seq, cp.Size, r.Proof, cp.Root); err != nil {
		return r, ev, cp, err
	}
	return r, ev, cp, nil
}
