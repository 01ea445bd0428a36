#pragma once
// TrainingApi: the handlers of the training routes over the completion model and its index.
// Immutable after construction: handlers run concurrently without locks.
#include "completion_index.hpp"
#include "completion_model.hpp"
#include "sinkron/sim/http_message.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim::training {

class TrainingApi {
 public:
  explicit TrainingApi(World& world);

  HttpResponse list(const HttpRequest& request) const;
  HttpResponse single(const HttpRequest& request) const;
  HttpResponse truth(const HttpRequest& request) const;

 private:
  bool authorized(const HttpRequest& request) const;
  std::optional<Completion> rowOfIdText(std::string_view text) const;

  World& world_;
  CompletionModel model_;
  CompletionIndex index_;
};

// The model a World implies (the same rows as its router serves).
CompletionModel modelOf(const World& world);

}  // namespace sinkron::sim::training
