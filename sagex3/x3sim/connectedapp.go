package x3sim

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// jwtRefusal is why a connected-app JWT was refused: X3 answers 401 with
// the plain text "Error NN: Invalid token".
//
// UNCONFIRMED: the codes come from a third-party page (41 iss, 42 sub,
// 45 aud, 50 signature or expiry) and a comment in Sage's tutorial copy
// (21: issued in the future); a lifetime beyond the application's
// validity is answered 50 here.
type jwtRefusal int

const (
	jwtIssuedInFuture jwtRefusal = 21
	jwtBadIssuer      jwtRefusal = 41
	jwtBadSubject     jwtRefusal = 42
	jwtBadAudience    jwtRefusal = 45
	jwtBadOrExpired   jwtRefusal = 50
)

func (r jwtRefusal) Error() string { return fmt.Sprintf("Error %d: Invalid token", int(r)) }

// connectedAppUser verifies a connected-app JWT and returns the user it
// acts for: HS256 signed with the secret of the application named by iss,
// sub = its allowed user, aud = its registered URL (compared literally),
// iat not in the future, exp not passed and exp − iat within the
// application's token validity. Times follow the simulator's clock.
func (s *Server) connectedAppUser(raw string) (string, error) {
	var app ConnectedApp
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		iss, _ := t.Claims.GetIssuer()
		s.tokens.mu.Lock()
		s.tokens.lockedInit()
		a, ok := s.tokens.apps[iss]
		s.tokens.mu.Unlock()
		if !ok {
			return nil, jwtBadIssuer
		}
		app = a
		return []byte(a.Secret), nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation())
	if errors.Is(err, jwtBadIssuer) {
		return "", jwtBadIssuer
	}
	if err != nil {
		return "", jwtBadOrExpired
	}
	if err := checkAppClaims(app, claims, s.cfg.Now()); err != nil {
		return "", err
	}
	return app.User, nil
}

func checkAppClaims(app ConnectedApp, claims jwt.MapClaims, now time.Time) error {
	sub, _ := claims.GetSubject()
	aud, _ := claims.GetAudience()
	iat, errIat := claims.GetIssuedAt()
	exp, errExp := claims.GetExpirationTime()
	switch {
	case sub != app.User:
		return jwtBadSubject
	case app.URL != "" && (len(aud) != 1 || aud[0] != app.URL):
		return jwtBadAudience
	case errIat != nil || errExp != nil || iat == nil || exp == nil:
		return jwtBadOrExpired
	case iat.After(now):
		return jwtIssuedInFuture
	case !now.Before(exp.Time), exp.Sub(iat.Time) > app.Validity:
		return jwtBadOrExpired
	}
	return nil
}
