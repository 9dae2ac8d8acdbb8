package health

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

const script = "../../examples/gitops/schemastate-health.lua"
const configMap = "../../examples/gitops/argocd-cm-schemastate-health.yaml"

// toLua converts a decoded JSON value as Argo CD does before it runs a health script: objects
// and arrays become tables (arrays 1-indexed), numbers LNumber, null nil.
func toLua(L *lua.LState, v interface{}) lua.LValue {
	switch t := v.(type) {
	case map[string]interface{}:
		tbl := L.NewTable()
		for k, e := range t {
			tbl.RawSetString(k, toLua(L, e))
		}
		return tbl
	case []interface{}:
		tbl := L.NewTable()
		for _, e := range t {
			tbl.Append(toLua(L, e))
		}
		return tbl
	case float64:
		return lua.LNumber(t)
	case string:
		return lua.LString(t)
	case bool:
		return lua.LBool(t)
	default:
		return lua.LNil
	}
}

type status struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

func health(t *testing.T, object map[string]interface{}) status {
	t.Helper()
	source, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	// As Argo CD: a fresh state with the standard libraries, the object as the global obj.
	L := lua.NewState()
	defer L.Close()
	L.SetGlobal("obj", toLua(L, object))
	if err := L.DoString(string(source)); err != nil {
		t.Fatalf("the health script failed: %v", err)
	}
	ret, ok := L.Get(-1).(*lua.LTable)
	if !ok {
		t.Fatalf("the health script returned %v, not a table", L.Get(-1))
	}
	return status{Status: ret.RawGetString("status").String(), Message: ret.RawGetString("message").String()}
}

type testCase struct {
	Name   string                 `json:"name"`
	Object map[string]interface{} `json:"object"`
	Want   status                 `json:"want"`
}

func TestEachStateOfASchemaState(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			got := health(t, c.Object)
			if got != c.Want {
				t.Errorf("got %+v, want %+v", got, c.Want)
			}
		})
		seen[c.Want.Status] = true
	}
	for _, s := range []string{"Healthy", "Progressing", "Degraded"} {
		if !seen[s] {
			t.Errorf("no case ends %s", s)
		}
	}
}

// The argocd-cm snippet carries the script verbatim, so that what is tested is what users paste.
func TestTheConfigMapSnippetHoldsTheScript(t *testing.T) {
	source, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	cm, err := os.ReadFile(configMap)
	if err != nil {
		t.Fatal(err)
	}
	key := "  resource.customizations.health.schemagate.dev_SchemaState: |\n"
	i := strings.Index(string(cm), key)
	if i < 0 {
		t.Fatalf("%s has no %q", configMap, strings.TrimSpace(key))
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(cm)[i+len(key):], "\n") {
		b.WriteString(strings.TrimPrefix(line, "    "))
	}
	if b.String() != string(source) {
		t.Errorf("the Lua in %s differs from %s: copy the script into the snippet again", configMap, script)
	}
}
