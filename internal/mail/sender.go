package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"safeboard/internal/domain"
)

// Config is how emails are sent, from the environment (README, "Configuration").
type Config struct {
	// SMTPURL is the mail server, such as smtp://user:password@mail.example.org:587
	// (STARTTLS when the server offers it), smtp+starttls://… (STARTTLS or
	// nothing is sent) or smtps://…:465 (TLS from the start).
	SMTPURL string
	From    string // the From address, such as "Safeguarding board <board@example.org>"
	ReplyTo string // the Reply-To address; none when empty
	// BaseURL is the address people use, for the links in the emails.
	BaseURL string
}

// Sender sends one outbox message at a time over SMTP.
type Sender struct {
	host    string
	opts    []gomail.Option
	from    string
	replyTo string
	baseURL string
	secret  []byte
}

// NewSender checks cfg and prepares to send; secret signs the unsubscribe links.
func NewSender(cfg Config, secret []byte) (*Sender, error) {
	u, err := url.Parse(cfg.SMTPURL)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("SAFEBOARD_SMTP_URL must be an address like smtp://user:password@mail.example.org:587")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	switch u.Scheme {
	case "smtp":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case "smtp+starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("SAFEBOARD_SMTP_URL: the scheme %q is not smtp, smtp+starttls or smtps", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SAFEBOARD_SMTP_URL: the port %q is not a number", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		password, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(password))
	}
	if cfg.From == "" {
		return nil, fmt.Errorf("SAFEBOARD_MAIL_FROM is needed with SAFEBOARD_SMTP_URL: the address emails come from")
	}
	probe := gomail.NewMsg()
	if err := probe.From(cfg.From); err != nil {
		return nil, fmt.Errorf("SAFEBOARD_MAIL_FROM %q is not an email address", cfg.From)
	}
	if cfg.ReplyTo != "" {
		if err := probe.ReplyTo(cfg.ReplyTo); err != nil {
			return nil, fmt.Errorf("SAFEBOARD_MAIL_REPLY_TO %q is not an email address", cfg.ReplyTo)
		}
	}
	if cfg.BaseURL == "" {
		return nil, fmt.Errorf("SAFEBOARD_BASE_URL is needed with SAFEBOARD_SMTP_URL: the emails link to it")
	}
	return &Sender{host: u.Hostname(), opts: opts, from: cfg.From, replyTo: cfg.ReplyTo,
		baseURL: strings.TrimRight(cfg.BaseURL, "/"), secret: secret}, nil
}

// Text is the plain text of a message: what it says, the link to the page
// it is about, why it was sent, and how to stop it.
func Text(m domain.OutboxMessage, baseURL string, secret []byte) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(m.Body))
	b.WriteString("\n\nOpen it in Safeboard: " + baseURL + m.Path + "\n\n-- \n")
	b.WriteString(m.Reason + "\n")
	if link := UnsubscribeURL(m, baseURL, secret); link != "" {
		b.WriteString("Stop these emails: " + link + "\n")
	}
	b.WriteString("Choose the emails you get: " + baseURL + "/account/notifications\n")
	return b.String()
}

// UnsubscribeURL is a message's one-click link to stop its kind of email, or
// "" when the message is for several people or of a kind that cannot be
// turned off.
func UnsubscribeURL(m domain.OutboxMessage, baseURL string, secret []byte) string {
	if m.UserID == nil || !m.Kind.CanTurnOff() {
		return ""
	}
	return baseURL + "/unsubscribe/" + UnsubscribeToken(secret, *m.UserID, m.Kind)
}

// Message builds the email of an outbox message.
func (s *Sender) Message(m domain.OutboxMessage) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return nil, err
	}
	if s.replyTo != "" {
		if err := msg.ReplyTo(s.replyTo); err != nil {
			return nil, err
		}
	}
	if err := msg.To(m.Recipients...); err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetGenHeader(gomail.Header("X-Safeboard-Kind"), string(m.Kind))
	msg.SetBodyString(gomail.TypeTextPlain, Text(m, s.baseURL, s.secret))
	if link := UnsubscribeURL(m, s.baseURL, s.secret); link != "" {
		if strings.HasPrefix(link, "https://") {
			if err := msg.SetListUnsubscribeOneClick(link); err != nil {
				return nil, err
			}
		} else {
			msg.SetListUnsubscribe(link) // one-click needs https (RFC 8058)
		}
	}
	return msg, nil
}

// Send sends one outbox message.
func (s *Sender) Send(ctx context.Context, m domain.OutboxMessage) error {
	msg, err := s.Message(m)
	if err != nil {
		return fmt.Errorf("email %d: %w", m.ID, err)
	}
	client, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return fmt.Errorf("email %d: %w", m.ID, err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("email %d: %w", m.ID, err)
	}
	return nil
}
