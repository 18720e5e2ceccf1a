// libcurl's curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are
// variadic macros-over-functions, which Swift cannot call. These typed inline
// wrappers give Swift one entry point per argument type.
#ifndef KAI_CCURL_SHIM_H
#define KAI_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode kai_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode kai_curl_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode kai_curl_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode kai_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode kai_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode kai_curl_setopt_blob(CURL *h, CURLoption o, struct curl_blob *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode kai_curl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode kai_curl_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline CURLcode kai_curl_setopt_read(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_READFUNCTION, f); }
static inline CURLcode kai_curl_setopt_xferinfo(CURL *h, int (*f)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }
static inline CURLcode kai_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode kai_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode kai_curl_getinfo_str(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode kai_curl_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode kai_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLSHcode kai_curl_share_setopt_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }

// Composite or parenthesised macros that Swift does not import as constants.
static const long KAI_CURL_GLOBAL_ALL = CURL_GLOBAL_ALL;
static const int KAI_CURLPAUSE_CONT = CURLPAUSE_CONT;
static const size_t KAI_CURL_WRITEFUNC_PAUSE = CURL_WRITEFUNC_PAUSE;
static const unsigned int KAI_CURL_BLOB_COPY = CURL_BLOB_COPY;
static const long KAI_CURLPIPE_MULTIPLEX = CURLPIPE_MULTIPLEX;
static const unsigned int KAI_CURLU_DEFAULT_PORT = CURLU_DEFAULT_PORT;
static const unsigned int KAI_CURLU_NON_SUPPORT_SCHEME = CURLU_NON_SUPPORT_SCHEME;
#endif
