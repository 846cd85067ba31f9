package store

// SetPushHook makes st call hook after each step of a push's transaction
// ("version": the version row is written; "names": the search index is); an
// error from hook fails the push there, as a crash or a lost connection would.
func SetPushHook(st Store, hook func(step string) error) {
	st.(*sqlStore).pushHook = hook
}
