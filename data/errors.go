package data

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The CLI maps EINVALID to exit status 1.
const (
	EINVALID  = "invalid"   // the input breaks a rule of the data model
	ENOTFOUND = "not_found" // the requested record does not exist
	ECONFLICT = "conflict"  // the request clashes with the stored data
	EINTERNAL = "internal"  // anything else
)

// Error is an application error with a machine-readable code and a message
// written for the people who use the product.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
