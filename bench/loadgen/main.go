// Command loadgen is the webhook benchmark's load generator: AdmissionReviews POSTed over HTTPS
// (HTTP/2, as the kube-apiserver's own Go client sends them) at a fixed rate, open loop. Request i
// is due at start + i/rate and is sent then whatever happened to earlier ones; its latency counts
// from when it was due, so a stalled server shows up in the latencies instead of lowering the rate
// (no coordinated omission). Every answer is checked against what the case expects.
//
// It is written in Go with the standard library only so that the generator costs the shared
// 2-core machine little CPU and no garbage-collector pauses of a second JVM; bench/webhook-load.sh
// builds it (scripts/install-loadgen.sh) and WebhookLoad runs it.
//
//	loadgen -url https://127.0.0.1:8443/validate -ca ca.pem -cases cases.json -rate 1000 -duration 60s -name /validate
//
// cases.json: [{"body": "file with the review, 00000000-0000-0000-0000-000000000000 where the
// request uid goes", "allowed": true,
// "reason": "live", "message": ""}, ...], used in turn; an empty reason or message is not checked.
// Prints one JSON object: name, rate, sent, ok, errors, error examples and latency percentiles in ms.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"
)

type testCase struct {
	Body    string `json:"body"`
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	prefix  []byte
	suffix  []byte
}

type answer struct {
	Response struct {
		UID              string            `json:"uid"`
		Allowed          bool              `json:"allowed"`
		AuditAnnotations map[string]string `json:"auditAnnotations"`
		Status           *struct {
			Message string `json:"message"`
		} `json:"status"`
	} `json:"response"`
}

type result struct {
	Name          string   `json:"name"`
	Rate          int      `json:"rate"`
	Sent          int      `json:"sent"`
	OK            int      `json:"ok"`
	Errors        int      `json:"errors"`
	ErrorExamples []string `json:"error_examples"`
	P50           float64  `json:"p50_ms"`
	P99           float64  `json:"p99_ms"`
	P999          float64  `json:"p999_ms"`
	Max           float64  `json:"max_ms"`
	SendLagMax    float64  `json:"send_lag_max_ms"`
}

// The fixed-width placeholder the review files carry where the request uid goes (a real uid is 36
// characters too, so every body has the size the API server would send).
const uidMark = "00000000-0000-0000-0000-000000000000"

func main() {
	url := flag.String("url", "", "endpoint to POST the reviews to")
	caFile := flag.String("ca", "", "PEM file of the CA the server's certificate chains to")
	casesFile := flag.String("cases", "", "JSON file with the cases, used in turn")
	rate := flag.Int("rate", 1000, "requests per second")
	duration := flag.Duration("duration", 60*time.Second, "how long to send")
	timeout := flag.Duration("timeout", 5*time.Second, "per-request timeout (an unanswered request is an error)")
	name := flag.String("name", "load", "name printed with the result")
	flag.Parse()
	if *url == "" || *caFile == "" || *casesFile == "" || *rate <= 0 || *duration <= 0 {
		fail("usage: loadgen -url URL -ca CA.pem -cases CASES.json [-rate N] [-duration D] [-timeout D] [-name NAME]")
	}
	cases := readCases(*casesFile)
	client := newClient(*caFile, *timeout)

	// One request answered before the clock starts: the connection and its TLS handshake are then
	// shared by every later request instead of being paid by a burst of first ones.
	if problem := send(client, *url, cases[0], uid(999999999999)); problem != "" {
		fail("cannot reach " + *url + ": " + problem)
	}

	n := int(int64(*rate) * duration.Milliseconds() / 1000)
	latencies := make([]int64, n)
	for i := range latencies {
		latencies[i] = -1
	}
	var mu sync.Mutex
	var examples []string
	errors := 0
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(*rate)
	start := time.Now().Add(20 * time.Millisecond)
	var maxLag time.Duration
	for i := 0; i < n; i++ {
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		if lag := time.Since(due); lag > maxLag {
			maxLag = lag
		}
		wg.Add(1)
		go func(i int, due time.Time) {
			defer wg.Done()
			c := cases[i%len(cases)]
			problem := send(client, *url, c, uid(int64(i)))
			latency := time.Since(due)
			if problem == "" {
				latencies[i] = int64(latency)
				return
			}
			mu.Lock()
			errors++
			if len(examples) < 5 {
				examples = append(examples, fmt.Sprintf("#%d: %s", i, problem))
			}
			mu.Unlock()
		}(i, due)
	}
	wg.Wait()

	ok := make([]int64, 0, n)
	for _, l := range latencies {
		if l >= 0 {
			ok = append(ok, l)
		}
	}
	sort.Slice(ok, func(a, b int) bool { return ok[a] < ok[b] })
	r := result{Name: *name, Rate: *rate, Sent: n, OK: len(ok), Errors: n - len(ok), ErrorExamples: examples,
		P50: ms(percentile(ok, 50)), P99: ms(percentile(ok, 99)), P999: ms(percentile(ok, 99.9)),
		SendLagMax: ms(int64(maxLag))}
	if len(ok) > 0 {
		r.Max = ms(ok[len(ok)-1])
	}
	if r.ErrorExamples == nil {
		r.ErrorExamples = []string{}
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}

func newClient(caFile string, timeout time.Duration) *http.Client {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		fail("cannot read " + caFile + ": " + err.Error())
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		fail(caFile + " holds no PEM certificate")
	}
	transport := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool},
		ForceAttemptHTTP2:   true,
		MaxIdleConnsPerHost: 64,
	}
	return &http.Client{Transport: transport, Timeout: timeout}
}

// send POSTs one review and returns "" when the answer is what the case expects, else why not.
func send(client *http.Client, url string, c *testCase, uid string) string {
	body := make([]byte, 0, len(c.prefix)+len(uid)+len(c.suffix))
	body = append(append(append(body, c.prefix...), uid...), c.suffix...)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err.Error()
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "reading the answer: " + err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("HTTP %d: %.200s", resp.StatusCode, data)
	}
	var a answer
	if err := json.Unmarshal(data, &a); err != nil {
		return "answer is not JSON: " + err.Error()
	}
	switch {
	case a.Response.UID != uid:
		return "wrong uid " + strconv.Quote(a.Response.UID)
	case a.Response.Allowed != c.Allowed:
		return fmt.Sprintf("allowed=%v, expected %v: %.300s", a.Response.Allowed, c.Allowed, data)
	case c.Reason != "" && a.Response.AuditAnnotations["reason"] != c.Reason:
		return fmt.Sprintf("reason %q, expected %q", a.Response.AuditAnnotations["reason"], c.Reason)
	case c.Message != "" && (a.Response.Status == nil || a.Response.Status.Message != c.Message):
		return fmt.Sprintf("unexpected message: %.300s", data)
	}
	return ""
}

func readCases(file string) []*testCase {
	data, err := os.ReadFile(file)
	if err != nil {
		fail("cannot read " + file + ": " + err.Error())
	}
	var cases []*testCase
	if err := json.Unmarshal(data, &cases); err != nil || len(cases) == 0 {
		fail(file + ": expected a non-empty JSON array of cases")
	}
	for _, c := range cases {
		body, err := os.ReadFile(c.Body)
		if err != nil {
			fail("cannot read " + c.Body + ": " + err.Error())
		}
		at := bytes.Index(body, []byte(uidMark))
		if at < 0 {
			fail(c.Body + ": no " + uidMark + " where the request uid goes")
		}
		c.prefix, c.suffix = body[:at], body[at+len(uidMark):]
	}
	return cases
}

// uid is a 36-character request uid that encodes the request's index.
func uid(i int64) string { return fmt.Sprintf("bench000-0000-4000-8000-%012d", i) }

func percentile(sorted []int64, p float64) int64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

func ms(nanos int64) float64 { return float64(nanos) / 1e6 }

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "loadgen: "+msg)
	os.Exit(2)
}
