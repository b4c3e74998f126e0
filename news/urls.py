from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    path("rss/", feeds.LatestNewsFeed(), name="rss"),
    path("atom/", feeds.LatestNewsAtomFeed(), name="atom"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
