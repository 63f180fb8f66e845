// Oracle: runs each case of cases.json through the Intercept engine's own config loader,
// validator, engine and proxy handler (copied in by run.sh), and prints the decisions as JSON.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/policylayer/intercept/internal/config"
	"github.com/policylayer/intercept/internal/engine"
	"github.com/policylayer/intercept/internal/events"
	"github.com/policylayer/intercept/internal/proxy"
	"github.com/policylayer/intercept/internal/state"
	"github.com/policylayer/intercept/internal/transport"
)

type step struct {
	At       string          `json:"at"`
	Tool     string          `json:"tool"`
	Args     json.RawMessage `json:"args"`
	Upstream string          `json:"upstream"`
}

type kase struct {
	ID     string   `json:"id"`
	Policy string   `json:"policy"`
	Steps  []step   `json:"steps"`
	List   []string `json:"list"`
}

type outStep struct {
	Evaluated bool   `json:"evaluated"`
	Allowed   bool   `json:"allowed"`
	Rule      string `json:"rule,omitempty"`
	Text      string `json:"text,omitempty"`
}

type out struct {
	ID       string    `json:"id"`
	LoadErr  string    `json:"loadError,omitempty"`
	Problems []string  `json:"problems,omitempty"`
	Steps    []outStep `json:"steps"`
	Visible  *[]string `json:"visible,omitempty"`
}

type capture struct{ last events.Event }

func (c *capture) Emit(e events.Event) error { c.last = e; return nil }
func (c *capture) Close() error              { return nil }

func main() {
	var cases []kase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	dir, _ := os.MkdirTemp("", "oracle")
	var outs []out
	for _, k := range cases {
		o := out{ID: k.ID, Steps: []outStep{}}
		path := dir + "/p.yaml"
		os.WriteFile(path, []byte(k.Policy), 0o600)
		cfg, err := config.Load(path)
		if err != nil {
			o.LoadErr = err.Error()
			outs = append(outs, o)
			continue
		}
		for _, e := range config.Validate(cfg) {
			o.Problems = append(o.Problems, e.Error())
		}
		sort.Strings(o.Problems)
		if len(o.Problems) > 0 {
			outs = append(outs, o)
			continue
		}
		clock := &state.FixedClock{T: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
		store := state.NewMemStore(clock)
		eng := engine.New(cfg, store)
		cap := &capture{}
		h := proxy.New(eng, store, cfg, cap)
		for i, s := range k.Steps {
			if s.At != "" {
				t, err := time.Parse(time.RFC3339Nano, s.At)
				if err != nil {
					panic(err)
				}
				clock.T = t
			}
			name, _ := json.Marshal(s.Tool)
			raw := fmt.Sprintf(`{"name":%s,"arguments":%s}`, name, string(s.Args))
			if len(s.Args) == 0 {
				raw = fmt.Sprintf(`{"name":%s}`, name)
			}
			var params struct {
				Name      string         `json:"name"`
				Arguments map[string]any `json:"arguments,omitempty"`
			}
			if err := json.Unmarshal([]byte(raw), &params); err != nil {
				o.Steps = append(o.Steps, outStep{Evaluated: false, Allowed: true})
				continue
			}
			cap.last = events.Event{}
			res := h.Handle(transport.ToolCallRequest{ID: json.RawMessage(fmt.Sprint(i)), Name: params.Name, Arguments: params.Arguments})
			if res.Handled {
				var r struct {
					Result struct {
						Content []struct{ Text string } `json:"content"`
					} `json:"result"`
				}
				json.Unmarshal(res.Response, &r)
				o.Steps = append(o.Steps, outStep{Evaluated: true, Allowed: false, Rule: cap.last.Rule, Text: r.Result.Content[0].Text})
				continue
			}
			o.Steps = append(o.Steps, outStep{Evaluated: true, Allowed: true})
			if res.OnResponse != nil {
				switch s.Upstream {
				case "rpc-error":
					res.OnResponse(json.RawMessage(`{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"boom"}}`))
				case "tool-error":
					res.OnResponse(json.RawMessage(`{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"failed"}],"isError":true}}`))
				default:
					res.OnResponse(json.RawMessage(`{"jsonrpc":"2.0","id":1,"result":{"content":[]}}`))
				}
			}
		}
		if k.List != nil {
			tools := []map[string]string{}
			for _, n := range k.List {
				tools = append(tools, map[string]string{"name": n})
			}
			body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "result": map[string]any{"tools": tools}})
			filtered := h.ToolListFilter()(body)
			var r struct {
				Result struct {
					Tools []struct{ Name string } `json:"tools"`
				} `json:"result"`
			}
			json.Unmarshal(filtered, &r)
			visible := []string{}
			for _, t := range r.Result.Tools {
				visible = append(visible, t.Name)
			}
			o.Visible = &visible
		}
		outs = append(outs, o)
	}
	// One case per line, like cases.json.
	os.Stdout.WriteString("[\n")
	for i, o := range outs {
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		enc.Encode(o)
		os.Stdout.Write(bytes.TrimRight(line.Bytes(), "\n"))
		if i < len(outs)-1 {
			os.Stdout.WriteString(",")
		}
		os.Stdout.WriteString("\n")
	}
	os.Stdout.WriteString("]\n")
}
