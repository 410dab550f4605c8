package jury

// flowNetwork is a max-flow network solved by Dinic's algorithm. The
// assignment search builds one per node of its search tree, so the network
// reuses its arrays between builds.
type flowNetwork struct {
	head, level, iter, queue []int32
	next, to, capacity       []int32
}

// reset empties the network and gives it n nodes.
func (f *flowNetwork) reset(n int) {
	f.head = resize(f.head, n)
	for i := range f.head {
		f.head[i] = -1
	}
	f.level = resize(f.level, n)
	f.iter = resize(f.iter, n)
	f.queue = resize(f.queue, n)
	f.next, f.to, f.capacity = f.next[:0], f.to[:0], f.capacity[:0]
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// addEdge adds an edge u→v of capacity c and returns its index, whose
// remaining capacity after maxFlow tells how much flow it carries.
func (f *flowNetwork) addEdge(u, v, c int) int {
	e := len(f.to)
	f.to = append(f.to, int32(v), int32(u))
	f.capacity = append(f.capacity, int32(c), 0)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u], f.head[v] = int32(e), int32(e+1)
	return e
}

// used reports whether edge e (of capacity 1) carries flow.
func (f *flowNetwork) used(e int) bool { return f.capacity[e] == 0 }

// residual returns the capacity left on edge e.
func (f *flowNetwork) residual(e int) int { return int(f.capacity[e]) }

// send pushes amount units along a path of edges, each of which the caller
// knows has that much capacity left. Seeding the network with an obvious
// flow before maxFlow leaves it only the few augmenting paths that need
// search.
func (f *flowNetwork) send(amount int, path ...int) {
	for _, e := range path {
		f.capacity[e] -= int32(amount)
		f.capacity[e^1] += int32(amount)
	}
}

// maxFlow returns how much more flow than already sent can go from s to t,
// in O(E·√V) for the unit-capacity bipartite networks built here.
func (f *flowNetwork) maxFlow(s, t int) int {
	total := 0
	for f.levels(s, t) {
		copy(f.iter, f.head)
		for {
			pushed := f.push(s, t, 1<<30)
			if pushed == 0 {
				break
			}
			total += pushed
		}
	}
	return total
}

// levels labels nodes by BFS distance from s over edges with capacity left
// and reports whether t is reachable.
func (f *flowNetwork) levels(s, t int) bool {
	for i := range f.level {
		f.level[i] = -1
	}
	f.level[s] = 0
	q := f.queue[:0]
	q = append(q, int32(s))
	for i := 0; i < len(q); i++ {
		u := q[i]
		for e := f.head[u]; e >= 0; e = f.next[e] {
			if v := f.to[e]; f.capacity[e] > 0 && f.level[v] < 0 {
				f.level[v] = f.level[u] + 1
				q = append(q, v)
			}
		}
	}
	return f.level[t] >= 0
}

// push sends up to limit units from u to t along the level graph.
func (f *flowNetwork) push(u, t, limit int) int {
	if u == t {
		return limit
	}
	for ; f.iter[u] >= 0; f.iter[u] = f.next[f.iter[u]] {
		e := f.iter[u]
		v := int(f.to[e])
		if f.capacity[e] <= 0 || f.level[v] != f.level[u]+1 {
			continue
		}
		if d := f.push(v, t, min(limit, int(f.capacity[e]))); d > 0 {
			f.capacity[e] -= int32(d)
			f.capacity[e^1] += int32(d)
			return d
		}
	}
	return 0
}
