package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Webhook posts messages as JSON {"text": "..."}, which Slack incoming
// webhooks and Microsoft Teams incoming webhooks both accept. The URL is
// a credential and never appears in an error.
type Webhook struct {
	URL    string
	Client *http.Client // default: a 30 s timeout
}

// Name is "webhook".
func (w *Webhook) Name() string { return "webhook" }

// Notify posts one message.
func (w *Webhook) Notify(ctx context.Context, m Message) error {
	body, err := json.Marshal(map[string]string{"text": m.Subject + "\n\n" + m.Text})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return errors.New("alert webhook: the URL in ML_ALERT_WEBHOOK_URL is not usable")
	}
	req.Header.Set("Content-Type", "application/json")
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		// *url.Error quotes the URL: keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("alert webhook: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("alert webhook answered HTTP %d", resp.StatusCode)
	}
	return nil
}
