package x3auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// ErrNotAuthorized is returned when there is no refresh token yet.
var ErrNotAuthorized = errors.New("Sage X3 is not authorised yet: run ml-connector x3 authorize")

// TokenFile keeps the refresh token of a cloud pairing. Sage rotates the
// refresh token at every refresh and the old one stops working, so each new
// one is saved before it is used: a restart must find the newest. The file
// is replaced atomically (write a temporary file, then rename) and is
// readable by its owner only.
type TokenFile struct {
	Path string
}

type tokenFileJSON struct {
	RefreshToken string `json:"refresh_token"`
	// Endpoint is the regional API root Sage named in the pairing
	// callback, used from then on; empty when it named none.
	Endpoint string    `json:"endpoint,omitempty"`
	SavedAt  time.Time `json:"saved_at"`
}

// Saved is what the token file keeps of a cloud pairing.
type Saved struct {
	RefreshToken string
	Endpoint     string
}

// Load returns the saved refresh token. A missing file yields an error
// wrapping ErrNotAuthorized; a file others can read is refused, since the
// token grants access to X3.
func (f TokenFile) Load() (string, error) {
	saved, err := f.LoadSaved()
	return saved.RefreshToken, err
}

// LoadSaved returns the refresh token with the endpoint saved beside it.
func (f TokenFile) LoadSaved() (Saved, error) {
	st, err := os.Stat(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return Saved{}, fmt.Errorf("no token file %s: %w", f.Path, ErrNotAuthorized)
	}
	if err != nil {
		return Saved{}, fmt.Errorf("token file: %w", err)
	}
	if perm := st.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		return Saved{}, fmt.Errorf("token file %s is readable by other users (mode %#o): run chmod 600 %s", f.Path, perm, f.Path)
	}
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return Saved{}, fmt.Errorf("token file: %w", err)
	}
	var saved tokenFileJSON
	if err := json.Unmarshal(data, &saved); err != nil || saved.RefreshToken == "" {
		// Never quote the content or the decoder's error: both may hold the token.
		return Saved{}, fmt.Errorf("token file %s is damaged or empty: %w", f.Path, ErrNotAuthorized)
	}
	return Saved{RefreshToken: saved.RefreshToken, Endpoint: saved.Endpoint}, nil
}

// Save replaces the file with a refresh token and no endpoint.
func (f TokenFile) Save(refreshToken string, now time.Time) error {
	return f.SaveSaved(Saved{RefreshToken: refreshToken}, now)
}

// SaveSaved replaces the file, atomically and with mode 0600.
func (f TokenFile) SaveSaved(p Saved, now time.Time) error {
	data, err := json.MarshalIndent(tokenFileJSON{RefreshToken: p.RefreshToken, Endpoint: p.Endpoint, SavedAt: now.UTC()}, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the token file: %w", err)
	}
	dir := filepath.Dir(f.Path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("save the token: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := writeSynced(tmp, data); err != nil {
		return fmt.Errorf("save the token: %w", err)
	}
	if err := os.Rename(tmp.Name(), f.Path); err != nil {
		return fmt.Errorf("save the token: %w", err)
	}
	syncDir(dir)
	return nil
}

// writeSynced writes data with mode 0600 and flushes it to disk before the
// rename makes it the token file: a crash leaves the old file or the new
// one, never a torn one.
func writeSynced(f *os.File, data []byte) error {
	err := f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes the rename durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
