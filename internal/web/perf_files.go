package web

import "github.com/go-chi/chi/v5"

func (s *Server) mountPerformanceFiles(r chi.Router) {}
