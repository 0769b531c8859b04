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
//
// An EINVALID error about one value may also give Reason, a stable key of
// the problem such as "date.noMonth", and Args, the values its English
// Message formats, so that an app can word the problem in its user's
// language (see FieldError and RowError).
type Error struct {
	Code    string
	Message string
	Reason  string
	Args    []any
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an *Error with the code EINVALID, the reason and
// arguments of its problem, and the message that format and args make.
func Invalid(reason, format string, args ...any) *Error {
	return ErrorFor(EINVALID, reason, format, args...)
}

// ErrorFor returns an *Error with the code, the reason and arguments of
// its problem, and the message that format and args make.
func ErrorFor(code, reason, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Reason: reason, Args: args}
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
