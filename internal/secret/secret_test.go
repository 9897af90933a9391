package secret

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"
)

func key(t *testing.T) []byte {
	t.Helper()
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	return k
}

func TestSealOpen(t *testing.T) {
	t.Parallel()
	s, err := New(key(t))
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte("refresh-token-value")
	sealed := s.Seal(plain, "connection:a:credentials")
	if bytes.Contains(sealed, plain) {
		t.Fatal("sealed value holds the plaintext")
	}
	got, err := s.Open(sealed, "connection:a:credentials")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := s.Open(sealed, "connection:b:credentials"); !errors.Is(err, ErrOpen) {
		t.Fatalf("moved ciphertext opened: %v", err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := s.Open(sealed, "connection:a:credentials"); !errors.Is(err, ErrOpen) {
		t.Fatalf("tampered ciphertext opened: %v", err)
	}
}

func TestRotation(t *testing.T) {
	t.Parallel()
	oldKey, newKey := key(t), key(t)
	old, _ := New(oldKey)
	sealed := old.Seal([]byte("x"), "aad")

	rotated, err := New(newKey, oldKey)
	if err != nil {
		t.Fatal(err)
	}
	if rotated.Current(sealed) {
		t.Fatal("old value reported as sealed with the current key")
	}
	if got, err := rotated.Open(sealed, "aad"); err != nil || string(got) != "x" {
		t.Fatalf("previous key does not open: %q %v", got, err)
	}
	resealed := rotated.Seal([]byte("x"), "aad")
	onlyNew, _ := New(newKey)
	if _, err := onlyNew.Open(resealed, "aad"); err != nil {
		t.Fatalf("resealed value needs the old key: %v", err)
	}
	if _, err := onlyNew.Open(sealed, "aad"); !errors.Is(err, ErrOpen) {
		t.Fatal("old value opened without the old key")
	}
}

func TestNewRejectsShortKey(t *testing.T) {
	t.Parallel()
	if _, err := New(make([]byte, 16)); err == nil {
		t.Fatal("16-byte key accepted")
	}
}
