// Package slogstub stands in for log/slog (absent from Go 1.19); logging only.
package slogstub

func Debug(msg string, args ...any) {}
func Warn(msg string, args ...any)  {}
func Error(msg string, args ...any) {}
