package store

import "crypto/sha256"

// secretHash is how the store keeps a high-entropy secret it must
// recognise but never reveal (API keys, link tokens, session and state
// tokens): SHA-256 over a purpose label and the parts, so a hash made for
// one purpose never matches another.
func secretHash(purpose string, parts ...string) []byte {
	h := sha256.New()
	h.Write([]byte("ledgersync " + purpose))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return h.Sum(nil)
}

func hashKey(key string) []byte         { return secretHash("api key", key) }
func linkTokenHash(token string) []byte { return secretHash("link", token) }

// linkCodeHash binds a code to its link: without the link token, which is
// not stored, the hash cannot be searched for the code.
func linkCodeHash(token, code string) []byte { return secretHash("link code", token, code) }
func sessionHash(token string) []byte        { return secretHash("session", token) }
func stateHash(state string) []byte          { return secretHash("oauth state", state) }
