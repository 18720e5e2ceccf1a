// libyaml is plain C with no variadic entry points; the shim only gathers the header.
#include <yaml.h>
