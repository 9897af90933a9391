// Package secret seals secrets at rest (OAuth tokens, webhook secrets,
// stored credentials) with AES-256-GCM. Each sealed value is bound to its
// place by additional data, so a ciphertext moved to another row does not
// open. Older keys still open what they sealed until everything is resealed.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// version prefixes every sealed value so the format can evolve.
const version byte = 1

// keyIDLen is the length of the key fingerprint stored with each value.
const keyIDLen = 4

// ErrOpen is returned when a value cannot be opened: wrong key, wrong
// additional data, or a damaged value.
var ErrOpen = errors.New("secret: cannot open sealed value")

// Sealer seals with its current key and opens with any of its keys.
type Sealer struct {
	current cipher.AEAD
	id      [keyIDLen]byte
	byID    map[[keyIDLen]byte]cipher.AEAD
}

// New returns a Sealer whose current key is key; previous keys only open.
// Every key must be 32 bytes.
func New(key []byte, previous ...[]byte) (*Sealer, error) {
	s := &Sealer{byID: map[[keyIDLen]byte]cipher.AEAD{}}
	for i, k := range append([][]byte{key}, previous...) {
		aead, id, err := newAEAD(k)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			s.current, s.id = aead, id
		}
		if _, dup := s.byID[id]; !dup {
			s.byID[id] = aead
		}
	}
	return s, nil
}

func newAEAD(key []byte) (cipher.AEAD, [keyIDLen]byte, error) {
	var id [keyIDLen]byte
	if len(key) != 32 {
		return nil, id, fmt.Errorf("secret: key must be 32 bytes, not %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, id, fmt.Errorf("secret: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, id, fmt.Errorf("secret: %w", err)
	}
	sum := sha256.Sum256(append([]byte("ledgersync key id\x00"), key...))
	copy(id[:], sum[:])
	return aead, id, nil
}

// Seal encrypts plaintext bound to aad, which names where the value lives
// (for example "connection:{id}:credentials").
func (s *Sealer) Seal(plaintext []byte, aad string) []byte {
	out := make([]byte, 0, 1+keyIDLen+s.current.NonceSize()+len(plaintext)+s.current.Overhead())
	out = append(out, version)
	out = append(out, s.id[:]...)
	nonce := make([]byte, s.current.NonceSize())
	_, _ = rand.Read(nonce)
	out = append(out, nonce...)
	return s.current.Seal(out, nonce, plaintext, []byte(aad))
}

// Open decrypts a value sealed with the same aad by any known key.
func (s *Sealer) Open(sealed []byte, aad string) ([]byte, error) {
	if len(sealed) < 1+keyIDLen || sealed[0] != version {
		return nil, ErrOpen
	}
	var id [keyIDLen]byte
	copy(id[:], sealed[1:1+keyIDLen])
	aead, ok := s.byID[id]
	if !ok {
		return nil, ErrOpen
	}
	rest := sealed[1+keyIDLen:]
	if len(rest) < aead.NonceSize() {
		return nil, ErrOpen
	}
	plain, err := aead.Open(nil, rest[:aead.NonceSize()], rest[aead.NonceSize():], []byte(aad))
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}

// Current reports whether sealed was sealed with the current key, so a
// reseal pass can skip it.
func (s *Sealer) Current(sealed []byte) bool {
	return len(sealed) > 1+keyIDLen && [keyIDLen]byte(sealed[1:1+keyIDLen]) == s.id
}
